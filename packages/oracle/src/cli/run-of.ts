// From parsed arguments to the run execute() carries out: one place, for the yargs parse and for
// fast-route's hand parse, so the two cannot resolve the state directory or a flag differently.
import { resolveStateDir, verbosity } from "@observatory/cli-kit/light";
import type { Modality, Preference } from "./choices.js";
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

export function runOf(chosen: Chosen, args: ParsedFlags): OracleRun {
  return {
    ...chosen,
    stateDir: resolveStateDir(args["state-dir"]),
    json: args.json === true,
    verbosity: verbosity(args),
    ...(args["min-calls"] === undefined ? {} : { minCalls: args["min-calls"] }),
    ...(args["drift-window"] === undefined ? {} : { driftWindowMs: args["drift-window"] }),
    ...(args["stale-after"] === undefined ? {} : { staleAfterMs: args["stale-after"] }),
    ...(typeof args.modality === "string" ? { modality: args.modality as Modality } : {}),
  };
}
