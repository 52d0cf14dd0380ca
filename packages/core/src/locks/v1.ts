// The v1 experiment lockfile (v1 `experiment_locks/<id>.lock.json`): raw-payload registry hashes
// and binary response hashes, no epoch. Nothing in it can become a canonical baseline, so a v1
// lock is behaviourally UNLOCKED; obs-check reports it and obs-migrate upgrades it.
import { z } from "zod";

export const V1LockSchema = z.looseObject({
  experiment_id: z.string().min(1),
  created_at: z.string(),
  provider_registry_hash: z.string(),
  model_ids_hash: z.string(),
  notes: z.string().nullable().optional(),
  /** v1: provider/model -> prompt index -> SHA-256 of the raw response. */
  benchmark_response_hashes: z
    .record(z.string(), z.record(z.string(), z.string()))
    .nullable()
    .optional(),
  canary_benchmark_hash: z.string().nullable().optional(),
});
export type V1Lock = z.infer<typeof V1LockSchema>;

/** A v1 lock is recognised by its v1 fields and the absence of a v2 `schema`. */
export function isV1Lock(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !("schema" in value) &&
    V1LockSchema.safeParse(value).success
  );
}
