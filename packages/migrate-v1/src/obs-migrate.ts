// obs-migrate: upgrade a v1 state directory to the v2 epoch layout, once, idempotently.
import {
  baseCli,
  lockOptions,
  lockWaitOption,
  ndjson,
  outputMode,
  resolveStateDir,
  runMain,
} from "@observatory/cli-kit";
import { ExitCode } from "@observatory/core";
import { stallHook } from "./_stall.js";
import { renderReport } from "./render.js";
import { exitCodeFor } from "./report.js";
import { migrate } from "./run/migrate.js";
import { VERSION } from "./version.js";

export async function main(argv: string[]): Promise<void> {
  await runMain(async () => {
    const args = await baseCli("obs-migrate", VERSION, argv)
      .usage(USAGE)
      .option("dry-run", {
        type: "boolean",
        default: false,
        describe:
          "Print the plan (what would be backed up, migrated, quarantined) and change nothing",
      })
      .option("wait", lockWaitOption)
      .epilog(EPILOG)
      .parseAsync();
    if (args.help || args.version) return { exitCode: ExitCode.OK };
    const controller = new AbortController();
    // SIGINT/SIGTERM: stop at the next step boundary; a re-run finishes from the journal.
    const stop = () => controller.abort();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
      const checkpoint = stallHook(process.env["OBS_MIGRATE_STALL_AT"]);
      const report = await migrate({
        stateDir: resolveStateDir(args["state-dir"]),
        dryRun: args["dry-run"],
        version: VERSION,
        signal: controller.signal,
        ...lockOptions(args.wait),
        ...(checkpoint ? { checkpoint } : {}),
      });
      const mode = outputMode(args.json);
      return {
        stdout: mode.ndjson ? ndjson(report) : "",
        stderr: renderReport(report, mode.humanTty),
        exitCode: exitCodeFor(report),
      };
    } finally {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    }
  });
}

const USAGE = `$0 [--state-dir DIR] [--dry-run] [--json]

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
resumes where it stopped.`;

const EPILOG = `Output: the report as one NDJSON record on stdout when it is not a terminal (or with --json);
a human summary on stderr.

Exit codes: 0 migrated cleanly, or nothing to do (already migrated, already v2, no v1 files);
1 migrated (or, with --dry-run, would migrate) but something could not be carried as it was: a
corrupt file quarantined, a collision with an existing v2 file, a file changed during the run;
2 usage error, or the state directory does not exist; 4 another instance holds the state
directory's lock (skipped); 5 the state directory or the backup could not be read or written;
130 interrupted (completed steps are durable: run obs-migrate again to finish).`;
