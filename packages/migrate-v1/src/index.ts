// @observatory/migrate-v1: obs-migrate, the one-shot, idempotent upgrade of v1 state directories.
export { PRINTED_RECORDS } from "./records.js";
export { exitCodeFor, type MigrationReport, type Outcome } from "./report.js";
export { migrate } from "./run/migrate.js";
export type { Checkpoint, MigrateOptions } from "./run/options.js";
