// The routing index: per epoch, the facts routing code reads about every model, in one compact
// object the writer derives at commit from the registry, the benchmark store and the snapshots'
// capability flags. It exists for readers on a hot path (the oracle's open()): at 10,000 models
// the registry carries every call of the sliding window, the store every detector window and
// the snapshots every listing field, 20-40 MB to parse, while routing needs a few scalars per
// model, its flags and the few probes that drifted or are on a streak.
// Derived, never edited: the same registry, store and snapshots always give the same index.
//
// Two formats: observatory.routing/2 (written now) holds the models as columns and carries the
// flags; observatory.routing/1 (epochs written before it) holds one row per model and no flags,
// so its readers also read the snapshots. Readers accept both.
import { z } from "zod";
import { CostClassSchema } from "../registry/schema.js";
import { SeveritySchema } from "../severity-schema.js";
import { ROUTING_COLUMNS, ROUTING_SCHEMA, ROUTING_SCHEMA_V1 } from "./columns.js";

export { ROUTING_COLUMNS, ROUTING_SCHEMA, ROUTING_SCHEMA_V1 } from "./columns.js";

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

/** Keyed "provider/model_id", then probe id; only probes with a drift or a streak. */
const ProbesSchema = z.record(z.string(), z.record(z.string(), RoutingProbeSchema));

const col = <T extends z.ZodType>(t: T) => z.array(t);
const index = z.number().int().nonnegative();

/** The model columns of observatory.routing/2: model i is element i of every column. */
export const RoutingModelsSchema = z.object({
  /** Index into `providers`. */
  provider: col(index),
  model_id: col(z.string()),
  present: col(z.boolean()),
  removed_in: col(z.string().nullable()),
  context_length: col(z.number().int().nullable()),
  max_output_tokens: col(z.number().int().nullable()),
  cost_class: col(CostClassSchema.nullable()),
  supports_tools: col(z.boolean().nullable()),
  deprecation_date: col(z.string().nullable()),
  expiration_date: col(z.string().nullable()),
  reliability: col(z.number().min(0).max(1).nullable()),
  latency_p50_ms: col(z.number().nullable()),
  latency_p95_ms: col(z.number().nullable()),
  /** The number of calls in the model's registry window (behind reliability and latency). */
  calls: col(z.number().int().nonnegative()),
  /** Index into `capability_sets`: the flags the model's snapshot lists; null when it lists
   * none (or the epoch's snapshots no longer list the model). */
  capabilities: col(index.nullable()),
});
export type RoutingModels = z.infer<typeof RoutingModelsSchema>;

/** The current format: the models as columns, with the flags their snapshots list. */
export const RoutingIndexSchema = z
  .object({
    schema: z.literal(ROUTING_SCHEMA),
    /** The providers the models belong to, sorted. */
    providers: z.array(z.string()),
    /** The distinct capability flag sets the snapshots list, each as listed, in order of first
     * use (models in key order). */
    capability_sets: z.array(z.array(z.string())),
    /** One element per registry model in every column, sorted by key ("provider/model_id"). */
    models: RoutingModelsSchema,
    probes: ProbesSchema,
  })
  .superRefine((v, ctx) => {
    const n = v.models.model_id.length;
    for (const [name, column] of Object.entries(v.models)) {
      if (column.length !== n)
        ctx.addIssue({
          code: "custom",
          path: ["models", name],
          message: `${column.length} values for ${n} models`,
        });
    }
    const within = (name: "provider" | "capabilities", size: number) => {
      const bad = v.models[name].findIndex((x) => x !== null && x >= size);
      if (bad !== -1)
        ctx.addIssue({ code: "custom", path: ["models", name, bad], message: "no such entry" });
    };
    within("provider", v.providers.length);
    within("capabilities", v.capability_sets.length);
  });
export type RoutingIndex = z.infer<typeof RoutingIndexSchema>;

/** observatory.routing/1: one model, the registry entry's scalars and `calls`, as a row. */
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

/** The format of epochs written before the index carried flags (readers still accept it). */
export const RoutingIndexV1Schema = z.object({
  schema: z.literal(ROUTING_SCHEMA_V1),
  /** ROUTING_COLUMNS, so the file describes its own rows. */
  columns: z
    .array(z.enum(ROUTING_COLUMNS))
    .refine((c) => c.join() === ROUTING_COLUMNS.join(), "not the observatory.routing/1 columns"),
  /** One row per registry model, sorted by key ("provider/model_id"). */
  models: z.array(RoutingRowSchema),
  probes: ProbesSchema,
});
export type RoutingIndexV1 = z.infer<typeof RoutingIndexV1Schema>;

/** A routing index object as an epoch may name it: either format. */
export const StoredRoutingIndexSchema = z.union([RoutingIndexSchema, RoutingIndexV1Schema]);
