// The records obs-migrate prints on stdout, as zod schemas: the source of truth for their types
// (report.ts) and for the JSON Schemas generated into docs/schemas. One record type today.
import { z } from "zod";
import type { BenchmarkStats } from "./plan/benchmarks.js";
import type { Verification } from "./plan/locks.js";
import type { RegistryStats } from "./plan/registry.js";

export const OUTCOMES = [
  /** The directory was migrated (or an interrupted migration was completed). */
  "migrated",
  /** --dry-run: the plan; nothing was changed. */
  "dry_run",
  /** A previous run completed the migration; nothing to do. */
  "already_migrated",
  /** A v2 state directory obs-migrate did not make; nothing to do. */
  "already_v2",
  /** Another instance holds the state directory's lock; skipped. */
  "locked",
] as const;

const count = z.number().int().nonnegative();
export const FileNoteSchema = z.object({ file: z.string(), reason: z.string() });
const VerificationSchema = z.enum(["verified", "unverifiable"]);

const RegistryStatsSchema = z.object({
  /** Models in the migrated registry. */
  entries: count,
  /** Of them, listed in an epoch 0 snapshot. */
  present: count,
  /** Canary calls carried from v1 histories. */
  observations: count,
  /** v1 entries that did not have the v1 shape. */
  skipped: count,
});

const BenchmarkStatsSchema = z.object({
  models: count,
  /** (model, probe) pairs marked NEEDS_REBASELINE. */
  pairs: count,
  /** v1 prompt hashes that match none of the six built-in prompts. */
  unknownPrompts: count,
  /** Canonical values in the seed's `_v2_baselines`, deliberately not carried. */
  ignoredValues: count,
  /** Entries without the v1 shape. */
  skipped: count,
});

export const LockReportSchema = z.object({
  name: z.string(),
  v1_file: z.string(),
  model_ids: VerificationSchema,
  registry: VerificationSchema,
  /** written; unchanged (an earlier run wrote the same lock); collision (a different v2 lock of
   * that name exists and was left alone); invalid (not migratable); planned (--dry-run). */
  result: z.enum(["written", "unchanged", "collision", "invalid", "planned"]),
  /** The v2 lock file, relative to the state directory. */
  path: z.string().nullable(),
});

/** What a run of obs-migrate did (or, with --dry-run, would do): its one stdout record. */
export const MigrationReportSchema = z.object({
  type: z.literal("MIGRATION_REPORT"),
  /** Record-format version. */
  version: z.literal(1),
  outcome: z.enum(OUTCOMES),
  state_dir: z.string(),
  message: z.string(),
  /** This run completed a migration an earlier, interrupted run had started. */
  resumed: z.boolean(),
  backup_dir: z.string().nullable(),
  /** Epoch 0: the first v2 epoch, built from the v1 snapshots. */
  epoch: z.object({ epoch_id: z.string(), manifest_hash: z.string() }).nullable(),
  fingerprint_scheme: z.string().nullable(),
  providers: z.array(z.object({ provider: z.string(), file: z.string(), models: count })),
  provider_errors: z.array(z.object({ provider: z.string(), message: z.string() })),
  registry: RegistryStatsSchema.nullable(),
  benchmarks: BenchmarkStatsSchema.nullable(),
  locks: z.array(LockReportSchema),
  /** Corrupt v1 files moved to <file>.corrupt.<stamp> (to: null in a dry run). */
  quarantined: z.array(FileNoteSchema.extend({ to: z.string().nullable() })),
  /** v1 files that could not be carried for another reason (duplicates, invalid lock names). */
  skipped: z.array(FileNoteSchema),
  /** v2 files that already existed and were left alone. */
  collisions: z.array(FileNoteSchema),
  /** v1 files that changed after the backup was taken and so were not touched. */
  left_in_place: z.array(FileNoteSchema),
  /** v1 files removed from the live directory after the commit (copies are in the backup). */
  retired: z.array(z.string()),
  /** Lines of events.jsonl, which is kept as it is and appended to. */
  events_log: z.object({ legacy: count, v2: count, invalid: count }).nullable(),
  /** Events this run appended (STATE_CORRUPT for quarantined files). */
  events_appended: count,
});

/** obs-migrate --to: a whole state copied to another place (a bucket, a directory), read back
 * and verified. */
export const StateCopiedSchema = z.object({
  type: z.literal("STATE_COPIED"),
  version: z.literal(1),
  /** Where from and where to, as given (s3://bucket/prefix or a directory). */
  from: z.string(),
  to: z.string(),
  /** The epoch the copy's pointer names, and its manifest hash. */
  epoch_id: z.string(),
  manifest_hash: z.string(),
  /** Committed epochs copied (retention's kept ones), objects they name, history segments,
   * experiment locks and committed events. */
  epochs: count,
  objects: count,
  segments: count,
  locks: count,
  events: count,
});
export type StateCopied = z.infer<typeof StateCopiedSchema>;

/** Every record type obs-migrate prints, by its `type`. */
export const PRINTED_RECORDS = {
  MIGRATION_REPORT: MigrationReportSchema,
  STATE_COPIED: StateCopiedSchema,
} as const;

// The plan's own types must stay what the schema says is printed.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: [
  Same<z.infer<typeof RegistryStatsSchema>, RegistryStats>,
  Same<z.infer<typeof BenchmarkStatsSchema>, BenchmarkStats>,
  Same<z.infer<typeof VerificationSchema>, Verification>,
] = [true, true, true];
void sameShapes;
