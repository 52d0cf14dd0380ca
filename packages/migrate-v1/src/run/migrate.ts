// obs-migrate's handler: look at the directory, then plan (--dry-run) or migrate. Returns the
// report; throws ObsError for what stops a run (missing directory, unusable journal or backup,
// interruption). Prints nothing.
import type { MigrationReport } from "../report.js";
import { dryRun } from "./dry-run.js";
import { inspect } from "./inspect.js";
import type { MigrateOptions } from "./options.js";
import { runMigration } from "./phases.js";
import { settled } from "./settled.js";

export async function migrate(opts: MigrateOptions): Promise<MigrationReport> {
  const found = await inspect(opts.stateDir);
  if (found.kind === "v1" || found.kind === "in_progress") {
    return opts.dryRun ? dryRun(opts, found) : runMigration(opts);
  }
  return settled(opts.stateDir, found);
}
