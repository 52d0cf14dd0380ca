// Every record obs-lock and obs-check print as JSON, one zod schema each: the contract scripts
// rely on. Each carries `type` and `version` (the record format; bump it when a field changes
// meaning or goes away). docs/schemas/records/ is generated from PRINTED_RECORDS.
import { EpochIdSchema, LockCheckSchema, LockSchema, V1LockSchema } from "@observatory/core";
import { z } from "zod";

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** obs-check: one per checked lock, after the events the check logged. */
export const LockCheckRecordSchema = LockCheckSchema.extend({
  type: z.literal("LOCK_CHECK"),
  version: z.literal(1),
  checked_manifest_hash: z.string(),
  /** Where the checked epoch came from: piped obs-poll output, --epoch, or the pointer. */
  checked_from: z.enum(["stdin", "flag", "current"]),
});
export type LockCheckRecord = z.infer<typeof LockCheckRecordSchema>;

const listBase = { type: z.literal("LOCK"), version: z.literal(1), name: z.string() };

/** obs-lock --list: one per lock file, readable or not (an unreadable one says why). */
export const LockListRecordSchema = z.discriminatedUnion("format", [
  z.object({
    ...listBase,
    format: z.literal("observatory.lock/2"),
    epoch_id: EpochIdSchema,
    manifest_hash: Sha256,
    created_at: z.string(),
    scope: LockSchema.shape.scope,
    /** How many models the lock pins. */
    models: z.number().int().nonnegative(),
    behavior: LockSchema.shape.behavior,
    coverage: LockSchema.shape.coverage,
    benchmark_stale: z.boolean(),
    notes: z.string(),
  }),
  z.object({
    ...listBase,
    format: z.literal("v1"),
    behavior: z.literal("UNLOCKED_BEHAVIORAL"),
    created_at: z.string().nullable(),
  }),
  z.object({ ...listBase, format: z.literal("invalid"), reason: z.string() }),
]);
export type LockListRecord = z.infer<typeof LockListRecordSchema>;

/** obs-lock --show NAME: the lock file's content, whole. */
export const LockFileRecordSchema = z.discriminatedUnion("format", [
  z.object({
    type: z.literal("LOCK_FILE"),
    version: z.literal(1),
    name: z.string(),
    path: z.string(),
    format: z.literal("observatory.lock/2"),
    lock: LockSchema,
  }),
  z.object({
    type: z.literal("LOCK_FILE"),
    version: z.literal(1),
    name: z.string(),
    path: z.string(),
    format: z.literal("v1"),
    lock: V1LockSchema,
  }),
]);
export type LockFileRecord = z.infer<typeof LockFileRecordSchema>;

/** obs-lock NAME: the lock just written. */
export const LockCreatedRecordSchema = z.object({
  type: z.literal("LOCK_CREATED"),
  version: z.literal(1),
  path: z.string(),
  lock: LockSchema,
});
export type LockCreatedRecord = z.infer<typeof LockCreatedRecordSchema>;

/** obs-lock export NAME --json: the provenance statement as data. */
export const ProvenanceRecordSchema = z.object({
  type: z.literal("PROVENANCE"),
  version: z.literal(1),
  generated_at: z.string(),
  generator: z.string(),
  lock: LockSchema,
  locked_epoch: z.object({
    epoch_id: EpochIdSchema,
    manifest_hash: Sha256,
    /** The manifest and every object it references verify against the lock's hash. */
    verified: z.boolean(),
    problem: z.string().nullable(),
    created_at: z.string().nullable(),
  }),
  /** The check against the current epoch. */
  current: LockCheckSchema.extend({ manifest_hash: Sha256 }),
  /** Every retained committed epoch after the lock's, oldest first, with its check status. */
  since: z.array(
    z.object({
      epoch_id: EpochIdSchema,
      manifest_hash: Sha256,
      status: LockCheckSchema.shape.status,
    }),
  ),
  /** EXPERIMENT_DRIFT events logged for this lock (newest first, at most 20). */
  reported: z.array(
    z.object({
      epoch_id: EpochIdSchema.nullable(),
      ts: z.string(),
      violations: z.array(z.string()),
    }),
  ),
});
export type ProvenanceRecord = z.infer<typeof ProvenanceRecordSchema>;

/** Keyed by `type`. Events obs-check logs are printed too: core's event schemas cover them. */
export const PRINTED_RECORDS = {
  LOCK_CHECK: LockCheckRecordSchema,
  LOCK: LockListRecordSchema,
  LOCK_FILE: LockFileRecordSchema,
  LOCK_CREATED: LockCreatedRecordSchema,
  PROVENANCE: ProvenanceRecordSchema,
} as const;
