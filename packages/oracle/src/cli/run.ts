// obs-oracle as a function: argv and the environment in, what to print and the exit code out.
// Tests call it directly; obs-oracle.ts is the only place that touches the process.
import { resolve } from "node:path";
import { describeError, ExitCode, isObsError, terminalSafe as safe } from "@observatory/core";
import type { EpochInfo } from "../answers.js";
import { RoutingOracle } from "../oracle.js";
import { parseCli } from "./args.js";
import { HANDLERS, type Result, summary } from "./commands.js";
import { formatAge } from "./duration.js";
import { COMMAND_HELP, MAIN_HELP } from "./help.js";
import { style } from "./style.js";

export interface Io {
  env: Record<string, string | undefined>;
  /** stdout is a terminal: print text and tables instead of JSON. */
  stdoutIsTTY: boolean;
  version: string;
  now?: () => Date;
}

export interface Output {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export async function run(argv: string[], io: Io): Promise<Output> {
  const colour = io.stdoutIsTTY && !io.env["NO_COLOR"];
  const s = style(colour);
  try {
    const args = parseCli(argv);
    if (args.help) {
      const text = args.command ? COMMAND_HELP[args.command] : MAIN_HELP;
      return { stdout: `${text}\n`, stderr: "", exitCode: ExitCode.OK };
    }
    if (args.version) return { stdout: `${io.version}\n`, stderr: "", exitCode: ExitCode.OK };
    const stateDir = resolve(
      args.stateDir ?? io.env["OBS_STATE_DIR"] ?? io.env["WATCHER_STATE_DIR"] ?? "./state",
    );
    const oracle = await RoutingOracle.open(stateDir, {
      ...(io.now ? { now: io.now } : {}),
      ...(args.driftWindowMs === undefined ? {} : { driftWindowMs: args.driftWindowMs }),
      ...(args.staleAfterMs === undefined ? {} : { staleAfterMs: args.staleAfterMs }),
    });
    const result: Result = args.command ? HANDLERS[args.command](oracle, args) : summary(oracle);
    const human = io.stdoutIsTTY && !args.json;
    return {
      stdout: human ? `${result.human(s)}\n` : `${JSON.stringify(result.data)}\n`,
      stderr: epochWarnings(oracle.epoch),
      exitCode: result.exitCode,
    };
  } catch (e) {
    if (isObsError(e)) {
      // Messages can quote a model key or a state file's reason: escaped like any human output.
      const hint = e.hint ? `hint: ${safe(e.hint)}\n` : "";
      return {
        stdout: "",
        stderr: `obs-oracle: ${safe(e.message)}\n${hint}`,
        exitCode: e.exitCode,
      };
    }
    return {
      stdout: "",
      stderr: `obs-oracle: internal error: ${safe(describeError(e))}\n`,
      exitCode: ExitCode.INTERNAL,
    };
  }
}

function epochWarnings(e: EpochInfo): string {
  let out = "";
  if (e.stale) {
    out += `obs-oracle: warning: epoch ${safe(e.id)} is ${formatAge(e.ageMs)} old; is obs-poll still running?\n`;
  }
  if (e.fellBack) {
    const why = safe(e.problems.map((p) => `${p.file}: ${p.reason}`).join("; "));
    out += `obs-oracle: warning: the newest epoch did not verify (${why}); reading ${safe(e.id)}\n`;
  }
  return out;
}
