// obs-poll's listing knobs from flags, then env vars, then defaults: how a shrinking listing is
// judged and how many canaries a poll may spend. A bad value is a usage error, never a guess.
import { ExitCode, ObsError } from "@observatory/core";
import { DEFAULT_CANARY_MAX } from "./run/listing-worker.js";
import { DEFAULT_SUSPECT, type SuspectPolicy } from "./run/suspect.js";

type Source = Record<string, string | undefined>;

function pick(
  flag: string,
  env: string,
  v: number | undefined,
  e: Source,
  ok: (n: number) => boolean,
  want: string,
): number | undefined {
  const raw = v ?? e[env];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!ok(n)) {
    throw new ObsError("USAGE", `--${flag} (or ${env}) takes ${want}, got "${raw}"`, {
      exitCode: ExitCode.USAGE,
    });
  }
  return n;
}

export function pollKnobs(
  args: {
    "canary-max"?: number | undefined;
    "suspect-share"?: number | undefined;
    "suspect-polls"?: number | undefined;
  },
  env: Source,
): { canaryMax: number; suspect: SuspectPolicy } {
  const int = (min: number) => (n: number) => Number.isInteger(n) && n >= min;
  const canaryMax = pick(
    "canary-max",
    "OBS_CANARY_MAX",
    args["canary-max"],
    env,
    int(0),
    "a whole number >= 0",
  );
  const share = pick(
    "suspect-share",
    "OBS_SUSPECT_SHARE",
    args["suspect-share"],
    env,
    (n) => n > 0 && n <= 1,
    "a share above 0 and at most 1",
  );
  const polls = pick(
    "suspect-polls",
    "OBS_SUSPECT_POLLS",
    args["suspect-polls"],
    env,
    int(1),
    "a whole number >= 1",
  );
  return {
    canaryMax: canaryMax ?? DEFAULT_CANARY_MAX,
    suspect: {
      ...DEFAULT_SUSPECT,
      ...(share === undefined ? {} : { share }),
      ...(polls === undefined ? {} : { polls }),
    },
  };
}
