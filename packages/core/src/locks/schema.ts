// The experiment lock file, locks/<name>.lock.json (v2). A lock pins an experiment to one
// committed epoch: its manifest hash, the semantic registry and model-id hashes of the models in
// scope, and the canonical baseline values measured in that epoch (never response hashes).
import { z } from "zod";
import { EpochIdSchema, Sha256Schema } from "../state/schemas.js";

/** Lock names become file names: letters, digits, ".", "_" and "-", no separators, no "..". */
export const LOCK_NAME_PATTERN = /^(?!\.{1,2}$)[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const LockNameSchema = z
  .string()
  .regex(LOCK_NAME_PATTERN, "letters, digits, '.', '_' and '-' only");

export const LockScopeSchema = z.object({
  /** Only these providers; null with models null means the whole ecosystem. */
  providers: z.array(z.string()).nullable(),
  /** Only these "provider/model" keys. */
  models: z.array(z.string()).nullable(),
});
export type LockScope = z.infer<typeof LockScopeSchema>;

export const LockSchema = z.object({
  schema: z.literal("observatory.lock/2"),
  name: LockNameSchema,
  created_at: z.iso.datetime({ offset: true }),
  notes: z.string(),
  epoch_id: EpochIdSchema,
  manifest_hash: Sha256Schema,
  scope: LockScopeSchema,
  /** Semantic registry hash over the models in scope (order-free, fingerprint based). */
  registry_hash: Sha256Schema,
  /** Hash of the sorted "provider/model" keys in scope. */
  model_ids_hash: Sha256Schema,
  /** The "provider/model" keys in scope at lock time, sorted. */
  models: z.array(z.string()),
  /** "LOCKED": baselines are canonical values from the lock's epoch. "UNLOCKED_BEHAVIORAL": v1
   * lock with response hashes only; re-lock to pin behaviour. */
  behavior: z.enum(["LOCKED", "UNLOCKED_BEHAVIORAL"]),
  /** "provider/model" -> probe id -> canonical value. */
  baselines: z.record(z.string(), z.record(z.string(), z.string())),
  /** The epoch in which the baselines were last measured. */
  benchmark_epoch: EpochIdSchema.nullable(),
  coverage: z.object({
    models: z.number().int().nonnegative(),
    probes: z.number().int().nonnegative(),
    pairs: z.number().int().nonnegative(),
  }),
  /** True when some baseline was measured before the lock's epoch (accepted with --max-age). */
  benchmark_stale: z.boolean(),
  /** Set by obs-migrate: where the lock came from. */
  migrated_from: z
    .object({
      v1_file: z.string(),
      v1_created_at: z.string().nullable(),
      /** Whether each v1 structural hash was recomputed from the v1 data and matched: "verified"
       * parts are re-anchored on epoch 0 with v2 hashes; "unverifiable" ones keep the v1 hash. */
      structural: z
        .object({
          model_ids: z.enum(["verified", "unverifiable"]),
          registry: z.enum(["verified", "unverifiable"]),
        })
        .optional(),
    })
    .optional(),
});
export type Lock = z.infer<typeof LockSchema>;
