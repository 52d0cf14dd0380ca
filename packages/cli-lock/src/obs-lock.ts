// obs-lock: pin an experiment to a committed epoch; list, show and export locks.
import { baseCli, lockWaitOption, resolveStateDir, runMain } from "@observatory/cli-kit";
import { ExitCode } from "@observatory/core";
import { createCommand, exportCommand, listCommand, showCommand } from "./lock/commands.js";
import { VERSION } from "./version.js";

/** Comma-separated or repeated: --models a/b,c/d --models e/f -> [a/b, c/d, e/f]. */
function list(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v])
    .flatMap((x) => String(x).split(","))
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export async function main(argv: string[]): Promise<void> {
  await runMain(async () => {
    let result: Awaited<ReturnType<typeof createCommand>> | undefined;
    const cli = baseCli("obs-lock", VERSION, argv)
      .usage(USAGE)
      .command(
        "export <name>",
        "Print a provenance statement for a paper: epochs, manifest hashes, models, baselines, checks since",
        (y) =>
          y
            .positional("name", { type: "string", demandOption: true })
            .option("format", { choices: ["md", "json"] as const, default: "md" as const }),
        async (a) => {
          result = await exportCommand(resolveStateDir(a["state-dir"]), a.name, a.format);
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
            .option("force", { type: "boolean", describe: "Replace an existing lock of this name" })
            .option("probes", {
              type: "string",
              describe: "With --benchmark-before-lock: a probe file adding your own prompts",
            })
            .option("timeout", {
              type: "number",
              default: 60,
              describe: "With --benchmark-before-lock: seconds allowed for one benchmark call",
            })
            .option("wait", lockWaitOption)
            .option("list", { type: "boolean", describe: "List the locks" })
            .option("show", { type: "string", describe: "Show one lock" }),
        async (a) => {
          const stateDir = resolveStateDir(a["state-dir"]);
          if (a.list) result = await listCommand(stateDir, a.json);
          else if (a.show !== undefined) result = await showCommand(stateDir, a.show, a.json);
          else result = await createCommand(stateDir, a);
        },
      )
      .epilog(EPILOG);
    const args = await cli.parseAsync();
    if (args.help || args.version || result === undefined) return { exitCode: ExitCode.OK };
    return result;
  });
}

const USAGE = `$0 NAME [options]          lock an experiment to the current epoch
$0 NAME --benchmark-before-lock   benchmark, commit a new epoch, lock that epoch
$0 --list | --show NAME    the locks in the state directory
$0 export NAME [--format md|json]  a provenance statement for a paper

A lock records the epoch id and its manifest hash, the semantic registry hash and model-id list
hash of the models in scope, and the canonical baseline value of every (model, probe) the drift
detector has confirmed, measured in that epoch. Without --benchmark-before-lock the baselines
must come from the current epoch (or be younger than --max-age), else obs-lock refuses:
"run obs-bench first". A locked epoch is never pruned by retention.

Scope: the whole ecosystem by default; --models or --providers pin only what the experiment
uses, so a provider adding an unrelated model does not break it.`;

const EPILOG = `Check a lock with obs-check NAME (or obs-poll | obs-check --all).

Exit codes: 0 ok; 2 usage error, or the baselines are missing or stale (nothing was written);
3 the benchmark measured nothing; 4 another instance holds the state directory's lock; 5 no
committed epoch or unreadable state; 6 no such lock, or a --models/--providers name the epoch
does not list.`;
