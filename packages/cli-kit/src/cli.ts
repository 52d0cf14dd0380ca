// A yargs instance with the options every tool shares and usage errors turned into ObsError
// (exit code 2), so bad flags never reach a handler.
import { ExitCode, ObsError } from "@observatory/core";
import yargs, { type Argv } from "yargs";
import { type DeclaredOptions, singleValueProblem } from "./_single-valued.js";

export interface CommonArgs {
  "state-dir"?: string;
  json?: boolean;
}

export function baseCli(name: string, version: string, argv: string[]): Argv<CommonArgs> {
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
