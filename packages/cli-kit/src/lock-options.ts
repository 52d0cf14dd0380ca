// How a writing tool waits for the state directory's instance lock: `--wait[=SECONDS]` (queue
// behind a live run; bare `--wait` waits as long as it takes) and OBS_LOCK_STALE_MS (how long an
// unrefreshed lock of a holder that cannot be judged dead is respected). Default: skip, exit 4.
import { ExitCode, ObsError } from "@observatory/core/errors";

/** Bare --wait: a day is "as long as it takes" for any run that is still alive. */
export const WAIT_FOREVER_MS = 24 * 3_600_000;

/** Untyped on purpose: a bare `--wait` parses as true ("as long as it takes"), `--wait=N` as N.
 * (As a string option, the one-value check would refuse the bare flag as "needs a value".) */
export const lockWaitOption = {
  describe:
    "If another run holds the state directory, wait for it (--wait: as long as it takes; --wait=SECONDS: up to that) instead of skipping with exit 4",
  requiresArg: false,
} as const;

export interface LockOptions {
  staleMs?: number;
  waitMs?: number;
}

/** The instance-lock options of a writing tool, from its --wait flag and the environment. */
export function lockOptions(wait: unknown, env: NodeJS.ProcessEnv = process.env): LockOptions {
  const out: LockOptions = {};
  const stale = env["OBS_LOCK_STALE_MS"];
  if (stale !== undefined && stale !== "") {
    const ms = Number(stale);
    if (!Number.isInteger(ms) || ms < 2_000) {
      throw new ObsError(
        "BAD_ENV",
        `OBS_LOCK_STALE_MS must be whole milliseconds >= 2000, got "${stale}"`,
        {
          hint: "unset it for the default (15000)",
          exitCode: ExitCode.USAGE,
        },
      );
    }
    out.staleMs = ms;
  }
  if (wait === undefined || wait === false) return out;
  if (wait === true || wait === "") return { ...out, waitMs: WAIT_FOREVER_MS };
  const text = String(wait);
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(seconds)) {
    throw new ObsError("USAGE", `--wait takes a number of seconds, got "${text}"`, {
      hint: "--wait (as long as it takes) or --wait=300",
      exitCode: ExitCode.USAGE,
    });
  }
  return { ...out, waitMs: Math.round(seconds * 1000) };
}
