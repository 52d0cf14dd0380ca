// From parsed arguments to the run execute() carries out: one place, for the yargs parse and for
// fast-route's hand parse, so the two cannot resolve the state directory or a flag differently.
import { resolveStateDir, verbosity } from "@observatory/cli-kit/light";
import { ExitCode, ObsError } from "@observatory/core/errors";
import type { Modality, Preference } from "./choices.js";
import { parseDuration } from "./duration.js";
import type { Command, OracleRun } from "./execute.js";

/** The command and its own arguments. */
export interface Chosen {
  command: Command;
  filter?: string[];
  key?: string;
  by?: Preference;
}

/** The flags every command shares, as yargs names them (already checked and converted). */
export interface ParsedFlags {
  "state-dir"?: string | undefined;
  json?: boolean | undefined;
  quiet?: boolean | undefined;
  verbose?: boolean | undefined;
  "min-calls"?: number | undefined;
  "drift-window"?: number | undefined;
  "stale-after"?: number | undefined;
  modality?: string | undefined;
}

/**
 * A flag wins; else its environment variable (which observatory.config.json may have set), checked
 * as strictly as the flag; else the oracle's default.
 */
export function runOf(
  chosen: Chosen,
  args: ParsedFlags,
  env: NodeJS.ProcessEnv = process.env,
): OracleRun {
  const minCalls = args["min-calls"] ?? envCalls(env["OBS_MIN_CALLS"]);
  const driftWindow = args["drift-window"] ?? envDuration(env, "drift-window", "OBS_DRIFT_WINDOW");
  const staleAfter = args["stale-after"] ?? envDuration(env, "stale-after", "OBS_STALE_AFTER");
  return {
    ...chosen,
    stateDir: resolveStateDir(args["state-dir"]),
    json: args.json === true,
    verbosity: verbosity(args),
    ...(minCalls === undefined ? {} : { minCalls }),
    ...(driftWindow === undefined ? {} : { driftWindowMs: driftWindow }),
    ...(staleAfter === undefined ? {} : { staleAfterMs: staleAfter }),
    ...(typeof args.modality === "string" ? { modality: args.modality as Modality } : {}),
  };
}

function envCalls(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  if (!/^\d{1,15}$/.test(raw.trim())) {
    throw new ObsError(
      "USAGE",
      `OBS_MIN_CALLS must be a whole number of calls >= 0, got "${raw}"`,
      {
        hint: "e.g. OBS_MIN_CALLS=5; unset it (or oracle.minCalls) for the default",
        exitCode: ExitCode.USAGE,
      },
    );
  }
  return Number(raw.trim());
}

function envDuration(env: NodeJS.ProcessEnv, flag: string, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  return parseDuration(flag, raw, name);
}
