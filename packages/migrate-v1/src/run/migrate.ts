// obs-migrate's handler: look at the directory, then plan (--dry-run) or migrate. Returns the
// report; throws ObsError for what stops a run (missing directory, unusable journal or backup,
// interruption). Prints nothing.
import type { MigrationReport } from "../report.js";
import { dryRun } from "./dry-run.js";
import { type Inspection, inspect } from "./inspect.js";
import type { MigrateOptions } from "./options.js";
import { runMigration } from "./phases.js";
import { settled } from "./settled.js";

export async function migrate(opts: MigrateOptions): Promise<MigrationReport> {
  const found = await inspect(opts.stateDir);
  opts.step?.(`${opts.stateDir}: ${described(found)}`);
  if (found.kind === "v1" || found.kind === "in_progress") {
    return opts.dryRun ? dryRun(opts, found) : runMigration(opts);
  }
  return settled(opts.stateDir, found);
}

function described(found: Inspection): string {
  switch (found.kind) {
    case "missing":
      return "does not exist";
    case "empty":
      return "no v1 files";
    case "bad_journal":
      return `the migration journal is ${found.reason}`;
    case "v1":
      return `v1 state (${found.artifacts.join(", ")})`;
    case "in_progress":
      return `a migration started ${found.journal.started_at} stopped after "${found.journal.phase}"`;
    case "complete":
      return `migrated by obs-migrate ${found.journal.version} (started ${found.journal.started_at})`;
    case "v2":
      return "v2 state";
  }
}
