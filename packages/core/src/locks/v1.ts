// The v1 experiment lockfile (v1 `experiment_locks/<id>.lock.json`): raw-payload registry hashes
// and binary response hashes (at best seed-era "canonical" values keyed by prompt index), no v2
// epoch. Nothing in it can become a canonical baseline, so a v1 lock is behaviourally UNLOCKED;
// obs-check reports it and obs-migrate upgrades it.
import { z } from "zod";

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const V1LockSchema = z.looseObject({
  experiment_id: z.string().optional(),
  created_at: z.string().optional(),
  provider_registry_hash: Hex64,
  model_ids_hash: Hex64,
  notes: z.string().nullable().optional(),
  canary_benchmark_hash: z.string().nullable().optional(),
  benchmark_response_hashes: z.unknown().optional(),
  benchmark_canonical_baselines: z.unknown().optional(),
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
