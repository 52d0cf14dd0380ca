// The routing index: per epoch, the facts routing code reads about every model, in one compact
// object the writer derives from the registry and the benchmark store at commit. It exists for
// readers on a hot path (the oracle's open()): at 10,000 models the registry carries every
// call of the sliding window and the store every detector window, 20-40 MB to parse, while
// routing needs a row of scalars per model and the few probes that drifted or are on a streak.
// Derived, never edited: the same registry and store always give the same index.
import { z } from "zod";
import { CostClassSchema } from "../registry/schema.js";
import { SeveritySchema } from "../severity-schema.js";
import { ROUTING_COLUMNS } from "./columns.js";

export { ROUTING_COLUMNS } from "./columns.js";

/** One model: the registry entry's scalars, and `calls`, the length of its call window. */
export const RoutingRowSchema = z.tuple([
  z.string(),
  z.string(),
  z.boolean(),
  z.string().nullable(),
  z.number().int().nullable(),
  z.number().int().nullable(),
  CostClassSchema.nullable(),
  z.boolean().nullable(),
  z.string().nullable(),
  z.string().nullable(),
  z.number().min(0).max(1).nullable(),
  z.number().nullable(),
  z.number().nullable(),
  z.number().int().nonnegative(),
]);
export type RoutingRow = z.infer<typeof RoutingRowSchema>;

/** A probe worth a router's attention: confirmed drift on record, or a change on a streak. */
export const RoutingProbeSchema = z.object({
  last_verdict: z
    .enum(["BASELINE", "MATCH", "VARIANT", "CANDIDATE", "DRIFT", "NO_DATA"])
    .nullable(),
  /** Consecutive polls the new answer has been the mode (the detector's streak). */
  streak: z.number().int().nonnegative(),
  observed_in: z.string().nullable(),
  baseline_since: z.string().nullable(),
  drift: z.object({ epoch_id: z.string(), severity: SeveritySchema }).nullable(),
});
export type RoutingProbe = z.infer<typeof RoutingProbeSchema>;

export const RoutingIndexSchema = z.object({
  schema: z.literal("observatory.routing/1"),
  /** ROUTING_COLUMNS, so the file describes its own rows. */
  columns: z
    .array(z.enum(ROUTING_COLUMNS))
    .refine((c) => c.join() === ROUTING_COLUMNS.join(), "not the observatory.routing/1 columns"),
  /** One row per registry model, sorted by key ("provider/model_id"). */
  models: z.array(RoutingRowSchema),
  /** Keyed "provider/model_id", then probe id; only probes with a drift or a streak. */
  probes: z.record(z.string(), z.record(z.string(), RoutingProbeSchema)),
});
export type RoutingIndex = z.infer<typeof RoutingIndexSchema>;
