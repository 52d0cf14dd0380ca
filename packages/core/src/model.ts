// The semantic model record: what providers extract from a listing and what snapshots store.
// Values are kept as reported (a price may be "0.000003" or 3e-6); fingerprints normalise them.
import { z } from "zod";

export const ModelRecordSchema = z.object({
  /** Provider-local model id, e.g. "gpt-4o" or "anthropic/claude-3.5-sonnet". */
  id: z.string().min(1),
  name: z.string().optional(),
  /** Input context window in tokens. */
  context_length: z.number().int().nonnegative().optional(),
  max_output_tokens: z.number().int().nonnegative().optional(),
  /**
   * A context length or output limit that is not a safe integer (past 2^53 - 1, or an overflow)
   * is kept here instead, as reported: an exact decimal string ("1152921504606846976") or
   * "Infinity". The number field is then absent. Dropping it would be a false change or removal.
   */
  context_length_decimal: z.string().min(1).optional(),
  max_output_tokens_decimal: z.string().min(1).optional(),
  /** OpenRouter's `top_provider.context_length` (the window of the provider it routes to
   * first), kept when it is a safe integer. Not part of the fingerprint: the model history
   * records its changes as `top_provider.context_length`. */
  top_provider_context_length: z.number().int().nonnegative().optional(),
  /** Price per unit as reported (per token unless the key says otherwise): decimal strings or numbers. */
  pricing: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** Set-like capability flags: "tools", "vision", "json_mode", "reasoning", supported parameters... */
  capabilities: z.array(z.string()).optional(),
  deprecation_date: z.string().optional(),
  expiration_date: z.string().optional(),
  /** Ollama's content digest of the weights. */
  digest: z.string().optional(),
});
export type ModelRecord = z.infer<typeof ModelRecordSchema>;

/** Serving-identity fields observed in a chat response; a change is direct evidence of a swap. */
export const ServingIdentitySchema = z.object({
  resolved_model: z.string().optional(),
  model_version: z.string().optional(),
  system_fingerprint: z.string().optional(),
  digest: z.string().optional(),
});
export type ServingIdentity = z.infer<typeof ServingIdentitySchema>;
