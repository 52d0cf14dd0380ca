// obs-migrate: upgrade a v1 state directory to the v2 epoch layout, once, idempotently.
// This entry module parses the command line with cli-kit and core's light errors entry only, so
// --help and --version start fast; the migration itself (core, zod) is loaded after parsing.
import {
  baseCli,
  flagWritten,
  helpAsked,
  lockWaitOption,
  resolveStateDir,
  runMain,
  verbosity,
} from "@observatory/cli-kit";
import { ExitCode, ObsError } from "@observatory/core/errors";
import { VERSION } from "./version.js";

export async function main(argv: string[]): Promise<void> {
  await runMain(
    "obs-migrate",
    async () => {
      const args = await baseCli("obs-migrate", VERSION, argv)
        .usage(USAGE)
        .option("dry-run", {
          type: "boolean",
          default: false,
          describe:
            "Print the plan (what would be backed up, migrated, quarantined) and change nothing",
        })
        .option("wait", lockWaitOption)
        .option("to", {
          type: "string",
          describe:
            "Copy the (v2) state at --state-dir to this place instead: s3://bucket/prefix or a directory; it must hold no state. The copy is read back and verified",
        })
        .epilog(EPILOG)
        .parseAsync();
      if (args.help || args.version) return { exitCode: ExitCode.OK };
      uselessFlags(helpAsked(argv), args["dry-run"]);
      if (args.to !== undefined) {
        if (args["dry-run"] || flagWritten(helpAsked(argv), "wait"))
          throw new ObsError(
            "USAGE",
            "--to copies a state; --dry-run and --wait do nothing with it",
            {
              hint: "drop them (a copy takes no lock: it reads committed, immutable files)",
              exitCode: ExitCode.USAGE,
            },
          );
        if (args.to.trim() === "")
          throw new ObsError("USAGE", "--to needs a place: s3://bucket/prefix or a directory", {
            exitCode: ExitCode.USAGE,
          });
        const { copyCommand } = await import("./copy.js");
        return copyCommand({
          stateDir: args["state-dir"],
          to: args.to,
          json: args.json,
          verbosity: verbosity(args),
        });
      }
      const from = resolveStateDir(args["state-dir"]);
      if (/^(s3|https?):\/\//i.test(from))
        throw new ObsError(
          "USAGE",
          `obs-migrate upgrades a v1 state directory on this machine; ${from} is not one`,
          {
            hint: `to copy a state between a directory and a bucket: obs-migrate --state-dir DIR --to ${from} (or --state-dir ${from} --to DIR)`,
            exitCode: ExitCode.USAGE,
          },
        );
      const { execute } = await import("./execute.js");
      return execute({
        stateDir: args["state-dir"],
        dryRun: args["dry-run"],
        wait: args.wait,
        json: args.json,
        verbosity: verbosity(args),
      });
    },
    argv,
  );
}

/** A flag that would do nothing in this combination is a usage error, not silently ignored. */
function uselessFlags(argv: readonly string[], dryRun: boolean): void {
  if (dryRun && flagWritten(argv, "wait")) {
    throw new ObsError("USAGE", "--wait does nothing with --dry-run", {
      hint: "a dry run takes no lock, so it never waits; drop --wait (or --dry-run to migrate)",
      exitCode: ExitCode.USAGE,
    });
  }
}

const USAGE = `$0 [--state-dir DIR] [--dry-run] [--wait[=SECONDS]] [--json] [--quiet | --verbose]
$0 --state-dir FROM --to TO [--json]

Upgrade a v1 state directory (*_snapshot_latest.json, events.jsonl, capability_registry.json,
benchmark_hashes.json, experiment_locks/) to the v2 epoch layout, in place:

  1. back up the whole directory to v1_backup_<stamp>/ before changing anything;
  2. build epoch 0 from the v1 snapshots (fingerprint scheme v1-raw: the first obs-poll
     rebaselines with one MIGRATION_REBASELINE instead of a METADATA_CHANGED flood), carrying
     the capability registry with its canary history;
  3. mark every v1 benchmark NEEDS_REBASELINE (v1 kept hashes, which cannot become values);
  4. turn v1 experiment locks into v2 locks on epoch 0 with behaviour UNLOCKED_BEHAVIORAL;
  5. keep events.jsonl as it is (v2 appends after the v1 lines).

Corrupt v1 files are quarantined as <file>.corrupt.<stamp> and reported; the rest migrates. An
existing v2 file is never overwritten. Running it again changes nothing; a run that was killed
resumes where it stopped.

With --to, copy a v2 state instead, whole and verified, between a directory and an S3 bucket
(either way, or directory to directory): every kept epoch, the objects they name, the model
history, the experiment locks and the committed events, the pointer last; the target must hold no
state. Prints one STATE_COPIED record.`;

const EPILOG = `Output: the report as one MIGRATION_REPORT NDJSON record on stdout when it is not a terminal
(or with --json); a human summary on stderr. --quiet: no summary (a run that exits non-zero still
says why); --verbose: each step on stderr as it happens.

Exit codes: 0 migrated cleanly, or nothing to do (already migrated, already v2); 1 migrated (or,
with --dry-run, would migrate) but something could not be carried as it was: a corrupt file
quarantined, a collision with an existing v2 file, a file changed during the run; 2 usage error,
or no state to migrate (the directory does not exist or holds no v1 files); 4 another instance
holds the state directory's lock (skipped); 5 the state directory or the backup could not be read
or written; 130 interrupted (completed steps are durable: run obs-migrate again to finish).

Examples:
  obs-migrate --state-dir ./state --dry-run           see the plan; nothing is changed
  obs-migrate --state-dir ./state                     back up, then migrate in place
  obs-migrate --state-dir ./state --wait=300 --quiet  wait up to 5 minutes for a running poll`;
