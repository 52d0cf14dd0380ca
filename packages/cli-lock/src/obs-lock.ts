// obs-lock: pin an experiment to a committed epoch; list, show and export locks. This module
// parses the command line with nothing but cli-kit and core's errors loaded; each command's
// work is imported after, so --help and --version start fast.
import {
  baseCli,
  type CommandOutput,
  flagWritten,
  lockWaitOption,
  numberOption,
  openStateDir,
  runMain,
  verbosity,
} from "@observatory/cli-kit";
import { ExitCode, ObsError } from "@observatory/core/errors";
import type { Voice } from "./lock/commands.js";
import { VERSION } from "./version.js";

/** Comma-separated or repeated: --models a/b,c/d --models e/f -> [a/b, c/d, e/f]. */
function list(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v])
    .flatMap((x) => String(x).split(","))
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Options that only creating a lock uses. */
const CREATE_ONLY = [
  "benchmark-before-lock",
  "max-age",
  "models",
  "providers",
  "notes",
  "force",
  "probes",
  "timeout",
  "wait",
] as const;
/** Options that only --benchmark-before-lock uses. */
const BENCHMARK_ONLY = ["probes", "timeout"] as const;

const commands = () => import("./lock/commands.js");

export async function main(argv: string[]): Promise<void> {
  await runMain(
    "obs-lock",
    async () => {
      let result: CommandOutput | undefined;
      const voiceOf = (a: { json?: boolean | undefined; quiet?: boolean; verbose?: boolean }) =>
        ({
          json: a.json,
          verbosity: verbosity(a),
          width: process.stderr.isTTY && process.stderr.columns > 0 ? process.stderr.columns : 100,
        }) satisfies Voice;
      const cli = baseCli("obs-lock", VERSION, argv)
        .usage(USAGE)
        .command(
          "export <name>",
          "Print a provenance statement for a paper: epochs, manifest hashes, models, baselines, checks since",
          (y) =>
            y
              .positional("name", { type: "string", demandOption: true })
              .option("format", {
                choices: ["md", "json"] as const,
                describe:
                  "Markdown for a paper, or one PROVENANCE record (as --json) (default: md)",
              })
              .example(
                "$0 export paper-1 > provenance.md",
                "The statement, in Markdown, for a paper",
              )
              .example(
                "$0 export paper-1 --json",
                "The same statement as one JSON record (type PROVENANCE)",
              ),
          async (a) => {
            if (a.json && a.format === "md")
              throw usage(
                "--json asks for the JSON record and --format md for Markdown: give one",
                "obs-lock export NAME (Markdown) or obs-lock export NAME --json",
              );
            const format = a.json || a.format === "json" ? "json" : "md";
            const { exportCommand } = await commands();
            result = await exportCommand(await openStateDir(a["state-dir"]), a.name, format);
          },
        )
        .command(
          "$0 [name]",
          false,
          (y) =>
            y
              .positional("name", { type: "string", describe: "The lock to create" })
              .option("benchmark-before-lock", {
                type: "boolean",
                describe: "Benchmark the models in scope, commit that epoch, then lock it",
              })
              .option("max-age", {
                type: "string",
                describe:
                  "Accept baselines measured before the current epoch if younger than this (90s, 30m, 6h, 2d, 1w); the lock is marked stale",
              })
              .option("models", {
                type: "string",
                array: true,
                coerce: list,
                describe: "Lock only these models, as provider/model (comma-separated)",
              })
              .option("providers", {
                type: "string",
                array: true,
                coerce: list,
                describe: "Lock only these providers' models (comma-separated)",
              })
              .option("notes", { type: "string", describe: "Free text stored in the lock" })
              .option("force", {
                type: "boolean",
                describe: "Replace an existing lock of this name",
              })
              .option("probes", {
                type: "string",
                describe: "With --benchmark-before-lock: a probe file adding your own prompts",
              })
              .option(
                "timeout",
                numberOption("timeout", {
                  describe: "With --benchmark-before-lock: seconds allowed for one benchmark call",
                  min: 0.1,
                  max: 3600,
                  unit: "seconds",
                  default: 60,
                }),
              )
              .option("wait", lockWaitOption)
              .option("list", { type: "boolean", describe: "List the locks" })
              .option("show", { type: "string", describe: "Show one lock" })
              .example("$0 paper-1 --models openai/gpt-4o", "Lock one model to the current epoch")
              .example("$0 --list", "The locks in the state directory")
              .example("$0 --show paper-1 --verbose", "One lock: its epoch, hashes, every baseline")
              .example(
                "$0 paper-2 --benchmark-before-lock",
                "Benchmark every model in scope, commit that epoch, lock it",
              ),
          async (a) => {
            if (a.list && a.show !== undefined) {
              throw usage(
                "--list and --show: give one",
                "obs-lock --list, or obs-lock --show NAME",
              );
            } else if (a.list) {
              refuseWith("--list", a.name, CREATE_ONLY);
            } else if (a.show !== undefined) {
              refuseWith("--show", a.name, CREATE_ONLY);
            } else if (!a["benchmark-before-lock"]) {
              const useless = BENCHMARK_ONLY.filter((f) => flagWritten(argv, f));
              if (useless.length > 0)
                throw usage(
                  `${flags(useless)} ${useless.length === 1 ? "does" : "do"} nothing without --benchmark-before-lock`,
                  `add --benchmark-before-lock to benchmark before locking, or drop ${useless.length === 1 ? "it" : "them"}`,
                );
            }
            const stateDir = await openStateDir(a["state-dir"]);
            const voice = voiceOf(a);
            const { createCommand, listCommand, showCommand } = await commands();
            if (a.list) result = await listCommand(stateDir, voice);
            else if (a.show !== undefined) result = await showCommand(stateDir, a.show, voice);
            else result = await createCommand(stateDir, a, voice);
          },
        )
        .epilog(EPILOG);

      /** --list and --show read; anything that only shapes a new lock is a mistake with them. */
      function refuseWith(
        mode: string,
        name: string | undefined,
        createOnly: readonly string[],
      ): void {
        if (name !== undefined)
          throw usage(
            `${mode} takes no lock name to create (got ${JSON.stringify(name)})`,
            mode === "--list"
              ? "obs-lock --list, or obs-lock --show NAME for one lock"
              : "obs-lock --show NAME",
          );
        const useless = createOnly.filter((f) => flagWritten(argv, f));
        if (useless.length > 0)
          throw usage(
            `${flags(useless)} ${useless.length === 1 ? "does" : "do"} nothing with ${mode}`,
            `${mode} only reads the locks; ${flags(useless)} ${useless.length === 1 ? "is" : "are"} for creating one (obs-lock NAME ...)`,
          );
      }

      const args = await cli.parseAsync();
      if (args.help || args.version || result === undefined) return { exitCode: ExitCode.OK };
      return result;
    },
    argv,
  );
}

function usage(message: string, hint: string): ObsError {
  return new ObsError("USAGE", message, { hint, exitCode: ExitCode.USAGE });
}

const flags = (names: readonly string[]) => names.map((n) => `--${n}`).join(", ");

const USAGE = `$0 NAME [options]          lock an experiment to the current epoch
$0 NAME --benchmark-before-lock   benchmark, commit a new epoch, lock that epoch
$0 --list | --show NAME    the locks in the state directory
$0 export NAME [--json]    a provenance statement for a paper

A lock records the epoch id and its manifest hash, the semantic registry hash and model-id list
hash of the models in scope, and the canonical baseline value of every (model, probe) the drift
detector has confirmed, measured in that epoch. Without --benchmark-before-lock the baselines
must come from the current epoch (or be younger than --max-age), else obs-lock refuses:
"run obs-bench first". A locked epoch is never pruned by retention.

Scope: the whole ecosystem by default; --models or --providers pin only what the experiment
uses, so a provider adding an unrelated model does not break it.`;

const EPILOG = `Check a lock with obs-check NAME (or obs-poll | obs-check --all).

Output: a summary on stderr (--quiet: none; --verbose: every model and baseline); JSON records
on stdout when it is not a terminal (or with --json): LOCK_CREATED, one LOCK per lock for
--list, LOCK_FILE for --show. export prints Markdown, or one PROVENANCE record with --json.

Exit codes: 0 ok; 2 usage error, no state or a v1 state directory, or the baselines are missing
or stale (nothing was written); 3 the benchmark measured nothing; 4 another instance holds the
state directory's lock; 5 unreadable state; 6 no such lock, or a --models/--providers name the
epoch does not list.`;
