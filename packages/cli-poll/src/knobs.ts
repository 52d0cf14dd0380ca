// Knobs that have an environment variable as well as a flag: the flag wins (cli-kit's
// numberOption has checked it already), then the variable, checked against the same range as
// the flag, then the default. A bad value is a usage error, never a guess.

import { allowed, fits, type NumberSpec } from "@observatory/cli-kit";
import {
  ExitCode,
  ObsError,
  resolveSeverityThresholds,
  type SeverityThresholds,
} from "@observatory/core";
import { NUMBERS } from "./options.js";
import { DEFAULT_CANARY_MAX } from "./run/listing-worker.js";
import { DEFAULT_SUSPECT, type SuspectPolicy } from "./run/suspect.js";

type Source = Record<string, string | undefined>;

const ENV = {
  "canary-max": "OBS_CANARY_MAX",
  "suspect-share": "OBS_SUSPECT_SHARE",
  "suspect-polls": "OBS_SUSPECT_POLLS",
  "webhook-timeout": "OBS_WEBHOOK_TIMEOUT",
  "webhook-deadline": "OBS_WEBHOOK_DEADLINE",
} as const;
type Knob = keyof typeof ENV;

/** The flag's value, else its environment variable's (checked), else undefined. */
function knob(flag: Knob, value: number | undefined, env: Source): number | undefined {
  if (value !== undefined) return value;
  const raw = env[ENV[flag]];
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw);
  const spec: NumberSpec = NUMBERS[flag];
  if (!fits(n, spec))
    throw new ObsError("USAGE", `${ENV[flag]} must be ${allowed(spec)}, got "${raw}"`, {
      hint: `fix or unset ${ENV[flag]}, or give --${flag}`,
      exitCode: ExitCode.USAGE,
    });
  return n;
}

export function envSeconds(
  flag: "webhook-timeout" | "webhook-deadline",
  value: number | undefined,
  env: Source,
): number | undefined {
  return knob(flag, value, env);
}

export function pollKnobs(
  args: {
    "canary-max"?: number | undefined;
    "suspect-share"?: number | undefined;
    "suspect-polls"?: number | undefined;
  },
  env: Source,
): { canaryMax: number; suspect: SuspectPolicy; severity: SeverityThresholds } {
  const canaryMax = knob("canary-max", args["canary-max"], env);
  const share = knob("suspect-share", args["suspect-share"], env);
  const polls = knob("suspect-polls", args["suspect-polls"], env);
  return {
    canaryMax: canaryMax ?? DEFAULT_CANARY_MAX,
    // OBS_SEVERITY_*: checked here, before anything is polled; a bad value is a usage error.
    severity: resolveSeverityThresholds(undefined, env),
    suspect: {
      ...DEFAULT_SUSPECT,
      ...(share === undefined ? {} : { share }),
      ...(polls === undefined ? {} : { polls }),
    },
  };
}
