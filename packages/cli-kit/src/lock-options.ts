// How a writing tool waits for the state directory's instance lock: `--wait[=SECONDS]` (queue
// behind a live run; bare `--wait` waits as long as it takes) and OBS_LOCK_STALE_MS (how long an
// unrefreshed lock of a holder that cannot be judged dead is respected). Default: skip, exit 4.
import { ExitCode, ObsError } from "@observatory/core";

/** Bare --wait: a day is "as long as it takes" for any run that is still alive. */
export const WAIT_FOREVER_MS = 24 * 3_600_000;

export const lockWaitOption = {
  type: "string",
  describe:
    "If another run holds the state directory, wait for it (up to SECONDS, or as long as it takes) instead of skipping with exit 4",
  requiresArg: false,
} as const;

export interface LockOptions {
  staleMs?: number;
  waitMs?: number;
}

/** The instance-lock options of a writing tool, from its --wait flag and the environment. */
export function lockOptions(
  wait: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): LockOptions {
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
  if (wait === undefined) return out;
  if (wait === "") return { ...out, waitMs: WAIT_FOREVER_MS };
  const seconds = Number(wait);
  if (!/^\d+(\.\d+)?$/.test(wait.trim()) || !Number.isFinite(seconds)) {
    throw new ObsError("USAGE", `--wait takes a number of seconds, got "${wait}"`, {
      hint: "--wait (as long as it takes) or --wait=300",
      exitCode: ExitCode.USAGE,
    });
  }
  return { ...out, waitMs: Math.round(seconds * 1000) };
}
