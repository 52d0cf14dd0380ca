// zod schemas for every state file the epoch store writes. They are the source of truth: types
// come from z.infer, and docs/schemas/*.json is generated from them.
import { z } from "zod";
import { ModelRecordSchema } from "../model.js";
import { SHA256_PATTERN } from "./canonical-json.js";
import { EPOCH_ID_PATTERN } from "./epoch-id.js";
import { QUIET_EPOCHS_MAX } from "./quiet.js";

export { QUIET_EPOCHS_MAX };

export const Sha256Schema = z.string().regex(SHA256_PATTERN, "full lowercase hex SHA-256");
export const EpochIdSchema = z
  .string()
  .regex(EPOCH_ID_PATTERN, "epoch id like 20261121T052029.123Z-0000");
const IsoTime = z.iso.datetime({ offset: true });

/** current_epoch.json: the one file ever replaced in place. */
export const PointerSchema = z.object({
  schema: z.literal("observatory.pointer/1"),
  epoch_id: EpochIdSchema,
  manifest_hash: Sha256Schema,
  updated_at: IsoTime,
});
export type Pointer = z.infer<typeof PointerSchema>;

export const ProviderErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
});
export type ProviderError = z.infer<typeof ProviderErrorSchema>;

/** A provider's place in an epoch: fresh this run, carried forward from an earlier one, or error. */
export const ProviderEntrySchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("fresh"),
    snapshot: Sha256Schema,
    polled_at: IsoTime,
  }),
  z.object({
    status: z.literal("carried_forward"),
    snapshot: Sha256Schema,
    /** The epoch in which this snapshot was last fresh. */
    from_epoch: EpochIdSchema,
    polled_at: IsoTime,
    /** Why it was carried: the poll failed (error) or the provider was not polled this run. */
    error: ProviderErrorSchema.optional(),
  }),
  z.object({
    status: z.literal("error"),
    snapshot: z.null(),
    error: ProviderErrorSchema,
  }),
]);
export type ProviderEntry = z.infer<typeof ProviderEntrySchema>;

export const ManifestSchema = z.object({
  schema: z.literal("observatory.manifest/1"),
  epoch_id: EpochIdSchema,
  parent: z.object({ epoch_id: EpochIdSchema, manifest_hash: Sha256Schema }).nullable(),
  created_at: IsoTime,
  /** Fingerprint scheme of the snapshots in this epoch ("semantic-v1", or "v1-raw" after migration). */
  fingerprint_scheme: z.string().min(1),
  writer: z.object({ tool: z.string().min(1), version: z.string().min(1) }),
  providers: z.record(z.string(), ProviderEntrySchema),
  /** Content hash of the capability registry object, if any. */
  registry: Sha256Schema.nullable(),
  /** Content hash of the benchmark store (drift state) object, if any. */
  benchmarks: Sha256Schema.nullable(),
  /** Content hash of the webhook cooldown state, if any. */
  cooldowns: Sha256Schema.nullable(),
  /** Content hash of the routing index, derived from the registry and the benchmark store;
   * null when the epoch has no registry, absent in epochs written before the index existed. */
  routing: Sha256Schema.nullable().optional(),
  /** Content hash of the model history's head (history/schema.ts): every field-level change
   * since the history began, which retention never prunes. Absent in epochs written before it. */
  history: Sha256Schema.optional(),
  /** Epochs committed since that head was written that changed nothing in the history, oldest
   * first: the history is the head's entries, then one empty entry for each of these. An
   * unchanged poll adds its id here instead of writing a new head (one object fewer per poll,
   * which on a bucket is one PUT fewer); the next commit that changes something, or a quiet one
   * when QUIET_EPOCHS_MAX are listed, writes them into the head. Absent when there are none. */
  history_quiet: z.array(EpochIdSchema).min(1).max(QUIET_EPOCHS_MAX).optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** A provider's model listing as stored: semantic records only, sorted by id. */
export const SnapshotSchema = z.object({
  schema: z.literal("observatory.snapshot/1"),
  provider: z.string().min(1),
  fingerprint_scheme: z.string().min(1),
  models: z.array(ModelRecordSchema),
  /** v1 raw-payload fingerprints carried over by migration, by model id. */
  legacy_fingerprints: z.record(z.string(), z.string()).optional(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;
