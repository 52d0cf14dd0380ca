// The shape of a check result: what checkLock returns, and the body of the LOCK_CHECK record
// obs-check prints. zod is the source of truth; the types are inferred.
import { z } from "zod";
import { EpochIdSchema } from "../state/schemas.js";

export const PairStatusSchema = z.enum(["MATCH", "VARIANT", "DRIFT", "MISSING"]);
export type PairStatus = z.infer<typeof PairStatusSchema>;

export const PairCheckSchema = z.object({
  /** "provider/model". */
  model: z.string(),
  probe: z.string(),
  status: PairStatusSchema,
  /** The canonical value the lock pinned. */
  locked: z.string(),
  /** The detector's confirmed baseline in the checked epoch, if any. */
  current: z.string().nullable(),
  /** The epoch of the newest observation with data. */
  observed_in: z.string().nullable(),
  detail: z.string(),
});
export type PairCheck = z.infer<typeof PairCheckSchema>;

const FieldChangeSchema = z.object({
  path: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});

export const StructureCheckSchema = z.object({
  status: z.enum(["UNCHANGED", "CHANGED", "UNVERIFIABLE"]),
  /** Compared with the locked epoch's snapshots, or (when that epoch cannot be loaded) only
   * with the model list and hashes in the lock file; "none" for a v1 lockfile. */
  basis: z.enum(["locked_epoch", "lock_file", "none"]),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.object({ model: z.string(), changes: z.array(FieldChangeSchema) })),
  /** Present in both but recorded under different fingerprint schemes: fields not comparable. */
  incomparable: z.array(z.string()),
  /** Metadata changed, but without the locked epoch which model and field is unknown. */
  unattributed: z.boolean(),
});
export type StructureCheck = z.infer<typeof StructureCheckSchema>;

export const ViolationSchema = z.object({
  kind: z.enum([
    "MODEL_ADDED",
    "MODEL_REMOVED",
    "METADATA_CHANGED",
    "REGISTRY_CHANGED",
    "BEHAVIOR_DRIFT",
  ]),
  detail: z.string(),
});
export type Violation = z.infer<typeof ViolationSchema>;

export const LockCheckSchema = z.object({
  lock: z.string(),
  format: z.enum(["observatory.lock/2", "v1"]),
  /** VIOLATED: a structural change in scope or a confirmed drift. UNVERIFIED: nothing in the
   * lock can be verified (a v1 lockfile). */
  status: z.enum(["CLEAN", "VIOLATED", "UNVERIFIED"]),
  locked_epoch_id: EpochIdSchema.nullable(),
  checked_epoch_id: EpochIdSchema,
  behavior: z.enum(["LOCKED", "UNLOCKED_BEHAVIORAL"]),
  structure: StructureCheckSchema,
  pairs: z.array(PairCheckSchema),
  counts: z.record(PairStatusSchema, z.number().int().nonnegative()),
  violations: z.array(ViolationSchema),
  warnings: z.array(z.string()),
});
export type LockCheck = z.infer<typeof LockCheckSchema>;
