// The routing index's format names and row columns: constants of their own (no zod), for the
// oracle's read path.

/** The format the writer writes: the models as columns, with their snapshots' flags. */
export const ROUTING_SCHEMA = "observatory.routing/2";
/** The format of epochs written before: one row per model, no flags. */
export const ROUTING_SCHEMA_V1 = "observatory.routing/1";

/** The columns of an observatory.routing/1 model row, in order. */
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
