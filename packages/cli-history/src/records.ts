// Every record obs-history, obs-diff and obs-events print as NDJSON, one zod schema each: the
// contract scripts rely on. Each carries `type` and `version` (the record format; bump it when a
// field changes meaning or goes away). docs/schemas/records/ is generated from PRINTED_RECORDS.
import { EpochIdSchema, EventSchema } from "@observatory/core";
import { z } from "zod";

const change = {
  model: z.string().min(1),
  /** A path of the model's canonical form ("pricing.prompt", "context_length", ...) or "listed". */
  field: z.string().min(1),
  /** Canonical values; null is "not reported". */
  before: z.string().nullable(),
  after: z.string().nullable(),
  /** (after - before) / before when both are numbers; null otherwise. */
  relative: z.number().nullable(),
};

/** obs-history: one per change, oldest first. */
export const HistoryChangeRecordSchema = z.object({
  type: z.literal("HISTORY_CHANGE"),
  version: z.literal(1),
  epoch_id: EpochIdSchema,
  /** The epoch's time, ISO 8601 UTC. */
  at: z.string(),
  ...change,
});
export type HistoryChangeRecord = z.infer<typeof HistoryChangeRecordSchema>;

const span = {
  /** The epochs compared: the world as of `from`, and as of `to`. */
  from: EpochIdSchema,
  to: EpochIdSchema,
};

/** obs-diff: a model listed at `to` and not at `from`, with its fields then. */
export const DiffAddedRecordSchema = z.object({
  type: z.literal("DIFF_ADDED"),
  version: z.literal(1),
  ...span,
  model: z.string().min(1),
  fields: z.record(z.string(), z.string()),
});
export type DiffAddedRecord = z.infer<typeof DiffAddedRecordSchema>;

/** obs-diff: a model listed at `from` and not at `to`, with its fields before it went. */
export const DiffRemovedRecordSchema = z.object({
  type: z.literal("DIFF_REMOVED"),
  version: z.literal(1),
  ...span,
  model: z.string().min(1),
  fields: z.record(z.string(), z.string()),
});
export type DiffRemovedRecord = z.infer<typeof DiffRemovedRecordSchema>;

/** obs-diff: one field of a model listed at both points that differs. */
export const DiffChangedRecordSchema = z.object({
  type: z.literal("DIFF_CHANGED"),
  version: z.literal(1),
  ...span,
  ...change,
});
export type DiffChangedRecord = z.infer<typeof DiffChangedRecordSchema>;

/** obs-diff: the last record, what was compared and how much differs (after the filters). */
export const DiffSummaryRecordSchema = z.object({
  type: z.literal("DIFF_SUMMARY"),
  version: z.literal(1),
  ...span,
  from_at: z.string(),
  to_at: z.string(),
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
});
export type DiffSummaryRecord = z.infer<typeof DiffSummaryRecordSchema>;

/**
 * obs-events prints each event as stored plus `version`, equal to its `v`, as every bin that
 * prints events does (the schemas are the same text as obs-poll's).
 */
function printedEvent<T extends (typeof EventSchema.options)[number]>(schema: T) {
  return schema.extend({ version: schema.shape.v });
}
const EVENT_RECORDS = Object.fromEntries(
  EventSchema.options.map((o) => [o.shape.type.value, printedEvent(o)]),
) as {
  [K in (typeof EventSchema.options)[number] as K["shape"]["type"]["value"]]: ReturnType<
    typeof printedEvent<K>
  >;
};

/** Keyed by `type`. */
export const PRINTED_RECORDS = {
  HISTORY_CHANGE: HistoryChangeRecordSchema,
  DIFF_ADDED: DiffAddedRecordSchema,
  DIFF_REMOVED: DiffRemovedRecordSchema,
  DIFF_CHANGED: DiffChangedRecordSchema,
  DIFF_SUMMARY: DiffSummaryRecordSchema,
  ...EVENT_RECORDS,
} as const;
