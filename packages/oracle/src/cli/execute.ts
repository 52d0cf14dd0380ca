// obs-oracle's work once its arguments are parsed: open the oracle on the state directory, run the
// command, and return what to print. Loaded by the entry only after parsing, so --help never
// loads core's state code or zod. Tests call execute() directly; only the entry touches the
// process.
import type { CommandOutput } from "@observatory/cli-kit";
import {
  type EpochInfo,
  type Modality,
  type Preference,
  RoutingOracle,
  terminalSafe as safe,
} from "@observatory/core";
import { HANDLERS, type Result } from "./commands.js";
import { formatAge } from "./duration.js";
import { style } from "./style.js";

export type Command = "route" | "status" | "healthy" | "list" | "policy" | "summary";

/** One parsed command line. */
export interface OracleRun {
  command: Command;
  stateDir: string;
  json: boolean;
  verbosity: "quiet" | "normal" | "verbose";
  /** route: the filter terms, joined with commas. */
  filter?: string[];
  /** status, healthy. */
  key?: string;
  /** list. */
  by?: Preference;
  /** route: --modality. */
  modality?: Modality;
  minCalls?: number;
  driftWindowMs?: number;
  staleAfterMs?: number;
}

export interface Io {
  env: Record<string, string | undefined>;
  /** stdout is a terminal: print text and tables instead of JSON. */
  stdoutIsTTY: boolean;
  now?: () => Date;
}

/** Milliseconds, for --verbose: process.hrtime, since the global `performance` loads perf_hooks. */
const clockMs = () => Number(process.hrtime.bigint()) / 1e6;

export async function execute(run: OracleRun, io: Io): Promise<CommandOutput> {
  const started = clockMs();
  const oracle = await RoutingOracle.open(run.stateDir, {
    ...(io.now ? { now: io.now } : {}),
    ...(run.minCalls === undefined ? {} : { minCalls: run.minCalls }),
    ...(run.driftWindowMs === undefined ? {} : { driftWindowMs: run.driftWindowMs }),
    ...(run.staleAfterMs === undefined ? {} : { staleAfterMs: run.staleAfterMs }),
  });
  const opened = clockMs();
  const result: Result = HANDLERS[run.command](oracle, run);
  const human = io.stdoutIsTTY && !run.json;
  const colour = human && !io.env["NO_COLOR"];
  const stderr: string[] = [];
  if (run.verbosity !== "quiet") stderr.push(...epochWarnings(oracle.epoch));
  if (run.verbosity === "verbose") {
    const e = oracle.epoch;
    stderr.push(
      `obs-oracle: read epoch ${safe(e.id)} of ${safe(run.stateDir)} in ${Math.round(opened - started)} ms; answered in ${(clockMs() - opened).toFixed(1)} ms`,
      ...result.detail.map((d) => `obs-oracle: ${d}`),
    );
  }
  return {
    stdout: human ? `${result.human(style(colour))}\n` : `${JSON.stringify(result.record)}\n`,
    stderr: stderr.map((l) => `${l}\n`).join(""),
    exitCode: result.exitCode,
  };
}

function epochWarnings(e: EpochInfo): string[] {
  const out: string[] = [];
  if (e.stale) {
    out.push(
      `obs-oracle: warning: epoch ${safe(e.id)} is ${formatAge(e.ageMs)} old; is obs-poll still running?`,
    );
  }
  if (e.fellBack) {
    const why = safe(e.problems.map((p) => `${p.file}: ${p.reason}`).join("; "));
    out.push(
      `obs-oracle: warning: the newest epoch did not verify (${why}); reading ${safe(e.id)}`,
    );
  }
  return out;
}
