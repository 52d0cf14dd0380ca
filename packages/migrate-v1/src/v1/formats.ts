// zod schemas for the v1 files obs-migrate reads, as the v1 Python wrote them (seed section 3):
// loose on purpose, so fields v1 added over time never make a good file look corrupt.
import { z } from "zod";

/** `<provider>_snapshot_latest.json`: model id -> sha256 of the raw model entry, plus the raw hash. */
export const V1SnapshotSchema = z.looseObject({
  provider: z.string().min(1).optional(),
  timestamp: z.string().optional(),
  raw_hash: z.string().optional(),
  models: z.record(z.string(), z.string()),
});
export type V1Snapshot = z.infer<typeof V1SnapshotSchema>;

/** One canary call in a v1 registry entry's ring buffer. */
export const V1CanarySchema = z.looseObject({
  ok: z.boolean(),
  latency_ms: z.number().nullable().optional(),
});

/** `capability_registry.json` values (ModelCapability.to_dict(): None and [] fields omitted). */
export const V1CapabilitySchema = z.looseObject({
  model_id: z.string().min(1),
  provider: z.string().min(1),
  max_context_tokens: z.number().int().nonnegative().nullable().optional(),
  supports_tools: z.boolean().nullable().optional(),
  supports_streaming: z.boolean().nullable().optional(),
  reliability: z.number().nullable().optional(),
  cost_class: z.string().nullable().optional(),
  last_updated: z.string().nullable().optional(),
  canary_history: z.array(V1CanarySchema).optional(),
});
export type V1Capability = z.infer<typeof V1CapabilitySchema>;

/** `experiment_locks/<id>.lock.json`: core's V1LockSchema (structural and response hashes). */
export { type V1Lock, V1LockSchema } from "@observatory/core";

/** `benchmark_hashes.json` is "provider/model" -> prompt-hash -> response-hash, plus `_` meta keys. */
export const V1BenchmarkFileSchema = z.record(z.string(), z.unknown());
export const V1PromptHashesSchema = z.record(z.string(), z.string());

/** The seed's epoch pointer ({current_epoch} or {epoch_id, manifest_file}): not a v2 pointer. */
export const V1PointerSchema = z.union([
  z.looseObject({ current_epoch: z.string() }),
  z.looseObject({ manifest_file: z.string() }),
]);
