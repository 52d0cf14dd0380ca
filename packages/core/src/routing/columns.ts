// The routing index's row columns: a constant of its own (no zod), for the oracle's read path.

/** The columns of a model row, in order. */
export const ROUTING_COLUMNS = [
  "provider",
  "model_id",
  "present",
  "removed_in",
  "context_length",
  "max_output_tokens",
  "cost_class",
  "supports_tools",
  "deprecation_date",
  "expiration_date",
  "reliability",
  "latency_p50_ms",
  "latency_p95_ms",
  "calls",
] as const;
