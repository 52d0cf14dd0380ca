// A yargs instance with the options every tool shares and usage errors turned into ObsError
// (exit code 2), so bad flags never reach a handler.
import { ExitCode, ObsError } from "@observatory/core";
import yargs, { type Argv } from "yargs";
import { type DeclaredOptions, singleValueProblem } from "./_single-valued.js";

export interface CommonArgs {
  "state-dir"?: string;
  json?: boolean;
  help?: boolean;
}

/**
 * `tool help` and `tool help <command>` are asking, like `--help`: yargs prints the help for a
 * "help" positional and then runs the tool anyway (a poll, a migration). With the word first
 * (after any --state-dir) they become `[<command>] --help`; anywhere else, the middleware in
 * baseCli marks the run as help, so the only thing that happens is the help.
 */
export function helpAsked(argv: readonly string[]): string[] {
  let i = 0;
  while (argv[i] === "--state-dir" || argv[i]?.startsWith("--state-dir=")) {
    i += argv[i] === "--state-dir" ? 2 : 1;
  }
  if (argv[i] !== "help") return [...argv];
  return [...argv.slice(0, i), ...argv.slice(i + 1), "--help"];
}

/** yargs consumed a "help" word (it shows the help and drops the word) without setting --help. */
function helpWordConsumed(raw: readonly string[], parsed: Record<string, unknown>): boolean {
  if (!raw.includes("help")) return false;
  const values = Object.values(parsed).flat().map(String);
  return !values.includes("help");
}

export function baseCli(name: string, version: string, rawArgv: string[]): Argv<CommonArgs> {
  const argv = helpAsked(rawArgv);
  return yargs(argv)
    .scriptName(name)
    .version(version)
    .help()
    .alias("h", "help")
    .strict()
    .wrap(Math.min(100, process.stderr.columns ?? 100))
    .option("state-dir", {
      type: "string",
      describe: "State directory (default: $OBS_STATE_DIR, $WATCHER_STATE_DIR, then ./state)",
    })
    .option("json", {
      type: "boolean",
      describe: "Print NDJSON records on stdout even on a terminal",
    })
    .middleware((parsed) => {
      if (helpWordConsumed(argv, parsed)) parsed.help = true;
    }, true)
    .check(oneValueEach(argv), true)
    .exitProcess(false)
    .fail((msg, err) => {
      throw new ObsError("USAGE", msg || err?.message || "invalid arguments", {
        hint: `run ${name} --help`,
        exitCode: ExitCode.USAGE,
      });
    });
}

/** A global check: it runs after every builder, so it covers the options each tool and
 * subcommand declares on top of these, and a new one-value option cannot miss it. */
function oneValueEach(argv: string[]) {
  return (parsed: Record<string, unknown>, declared: unknown) =>
    // yargs passes its getOptions() here, though its types call it the aliases.
    singleValueProblem(parsed, declared as DeclaredOptions, argv) ?? true;
}
