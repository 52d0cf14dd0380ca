// obs-check: is a locked experiment still running on the models it was locked to? This module
// parses the command line with nothing but cli-kit and core's errors loaded; the check itself
// (state code, zod, webhooks) is imported after, so --help and --version start fast.
import { baseCli, flagWritten, lockWaitOption, runMain } from "@observatory/cli-kit";
import { ExitCode, ObsError } from "@observatory/core/errors";
import { VERSION } from "./version.js";

export async function main(argv: string[]): Promise<void> {
  await runMain(
    "obs-check",
    async () => {
      const args = await baseCli("obs-check", VERSION, argv)
        .usage(USAGE)
        .command("$0 [names..]", false)
        .positional("names", { type: "string", array: true, describe: "Locks to check" })
        .option("all", { type: "boolean", describe: "Check every lock in the state directory" })
        .option("epoch", {
          type: "string",
          describe: "Check this committed epoch instead of the current one (stdin is not read)",
        })
        .option("stdin", {
          type: "boolean",
          describe:
            "Read obs-poll's NDJSON on stdin and check the epoch it committed (default: when stdin is a pipe or file; --no-stdin to ignore it)",
        })
        .option("webhooks", {
          type: "string",
          describe: "Webhook config (default: <state-dir>/webhooks.json when it exists)",
        })
        .option("wait", lockWaitOption)
        .option("wide", {
          type: "boolean",
          describe:
            "Show every column of the report, unwrapped (default: fit the terminal, or 100 columns)",
        })
        .example("$0 paper-1", "Check one lock against the current epoch")
        .example(
          "$0 --all --quiet",
          "For cron or CI: no report, the exit code says (0 clean, 1 violated)",
        )
        .example(
          "obs-poll --benchmark | $0 --all",
          "Check exactly the epoch obs-poll just committed (with set -o pipefail)",
        )
        .epilog(EPILOG)
        .parseAsync();
      if (args.help || args.version) return { exitCode: ExitCode.OK };
      refuseUselessFlags(argv, args);
      const { execute } = await import("./check/execute.js");
      return execute(args);
    },
    argv,
  );
}

/** Flags that would do nothing in this combination are usage errors, not silently ignored. */
function refuseUselessFlags(
  argv: readonly string[],
  a: { names?: unknown[] | undefined; all?: boolean | undefined; quiet?: boolean | undefined },
): void {
  const usage = (message: string, hint: string) =>
    new ObsError("USAGE", message, { hint, exitCode: ExitCode.USAGE });
  const named = (a.names ?? []).length > 0;
  if (a.all && named)
    throw usage("--all checks every lock: name locks or give --all, not both", "obs-check --all");
  if (!a.all && !named)
    throw usage(
      "name the locks to check, or give --all",
      "obs-check NAME... or obs-check --all (obs-lock --list shows the locks)",
    );
  if (flagWritten(argv, "epoch") && flagWritten(argv, "stdin"))
    throw usage(
      "--stdin and --no-stdin do nothing with --epoch: the epoch is given, stdin is not read",
      "give --epoch ID, or pipe obs-poll into obs-check without it",
    );
  if (a.quiet && flagWritten(argv, "wide"))
    throw usage(
      "--wide does nothing with --quiet: there is no report to widen",
      "drop one of them (the LOCK_CHECK records on stdout have every field)",
    );
}

const USAGE = `$0 NAME... | --all [options]

Check experiment locks against the current epoch, or against the epoch obs-poll just committed
when its output is piped in:

  set -o pipefail; obs-poll --benchmark | obs-check --all

When the run before the pipe committed nothing (its RUN record says why, or it printed nothing),
obs-check fails with exit 3 and checks nothing; it never falls back to an older epoch. stdin is
read only when it is a pipe or a file, never a terminal or /dev/null; --no-stdin ignores it (for
CI runners that give every step an empty pipe).

Structure: the models in the lock's scope, added, removed or changed (with field diffs) since the
locked epoch. Behaviour: each pinned (model, probe) baseline is MATCH, VARIANT (sampling noise or
an unconfirmed candidate: never a failure), DRIFT (a confirmed BEHAVIOR_DRIFT since the lock) or
MISSING (no observation: logged as BENCHMARK_MISSING, WARN).`;

const EPILOG = `A violated lock logs one EXPERIMENT_DRIFT event and sends it to the webhooks; a finding already
reported is not repeated. Lock files are never modified.

Output: a report on stderr (--quiet: none; --verbose: every pinned pair and every finding already
reported); NDJSON on stdout when it is not a terminal (or with --json): the events logged, then
one LOCK_CHECK record per lock.

Exit codes: 0 every lock clean (warnings allowed); 1 a lock is violated; 2 usage error, no state
or a v1 state directory; 3 the run piped in committed nothing; 5 the state directory (or a lock
file) cannot be read; 6 no such lock.`;
