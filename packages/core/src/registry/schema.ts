// The capability registry: per model, what the metadata says (context, cost class, tools,
// deprecation) and what calls measured (reliability and latency over a sliding window).
import { z } from "zod";
import { ServingIdentitySchema } from "../model.js";
import { COST_CLASSES } from "./cost-classes.js";

export { COST_CLASSES, type CostClass } from "./cost-classes.js";
export const CostClassSchema = z.enum(COST_CLASSES);

export const CallOutcomeSchema = z.enum(["ok", "error", "rate_limited"]);
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

export const ObservationSchema = z.object({
  epoch_id: z.string(),
  outcome: CallOutcomeSchema,
  latency_ms: z.number().nonnegative().nullable(),
});
export type Observation = z.infer<typeof ObservationSchema>;

export const RegistryEntrySchema = z.object({
  provider: z.string(),
  model_id: z.string(),
  /** Listed in the epoch's snapshot of its provider (fresh or carried forward). */
  present: z.boolean(),
  /** The epoch in which a fresh listing first lacked the model. */
  removed_in: z.string().nullable(),
  context_length: z.number().int().nullable(),
  max_output_tokens: z.number().int().nullable(),
  cost_class: CostClassSchema.nullable(),
  supports_tools: z.boolean().nullable(),
  deprecation_date: z.string().nullable(),
  expiration_date: z.string().nullable(),
  /** The newest calls, oldest first, at most `window` of them. */
  history: z.array(ObservationSchema),
  /** Successes over calls in the window that were not rate limited; null before any. */
  reliability: z.number().min(0).max(1).nullable(),
  latency_p50_ms: z.number().nullable(),
  latency_p95_ms: z.number().nullable(),
  /** Serving identity last seen in a response (resolved model, version, fingerprint, digest). */
  identity: ServingIdentitySchema.nullable(),
});
export type RegistryEntry = z.infer<typeof RegistryEntrySchema>;

/** What obs-poll carries from one poll of a provider to the next (kept here until the
 * provider's manifest entry can hold it). */
export const ProviderPollStateSchema = z.object({
  /** Consecutive polls whose listing shrank suspiciously and was held (previous carried). */
  suspect_polls: z.number().int().nonnegative(),
  /** New or changed models not canaried yet: over the per-poll cap, they go in later polls. */
  canaries_owed: z.array(z.object({ model_id: z.string(), reason: z.enum(["new", "changed"]) })),
});
export type ProviderPollState = z.infer<typeof ProviderPollStateSchema>;

export const RegistrySchema = z.object({
  schema: z.literal("observatory.registry/1"),
  window: z.number().int().positive(),
  /** Keyed "provider/model_id". */
  models: z.record(z.string(), RegistryEntrySchema),
  /** Per provider; absent in registries written before it existed. */
  poll_state: z.record(z.string(), ProviderPollStateSchema).optional(),
});
export type Registry = z.infer<typeof RegistrySchema>;

export function registryKey(provider: string, modelId: string): string {
  return `${provider}/${modelId}`;
}
