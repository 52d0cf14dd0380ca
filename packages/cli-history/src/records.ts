// Every record obs-history, obs-diff and obs-events print as NDJSON, one zod schema each: the
// contract scripts rely on. Each carries `type` and `version` (the record format; bump it when a
// field changes meaning or goes away) and nothing the contract does not name (objects are
// strict, so a stray field fails the tests). docs/schemas/records/ is generated from
// PRINTED_RECORDS.
import { EpochIdSchema, EventSchema, HistoryValueSchema } from "@observatory/core";
import { z } from "zod";

/** "provider/id". */
const Model = z.string().min(1);
/** A path of the model's canonical form ("pricing.prompt", "context_length", ...) or "listed". */
const Field = z.string().min(1);
/** A value as the provider reported it (prices stay the decimal strings they were given), or a
 * boolean for "listed"; null is "not reported". */
const Value = HistoryValueSchema;

/** obs-history: one per change, oldest first. */
export const HistoryChangeRecordSchema = z.strictObject({
  type: z.literal("HISTORY_CHANGE"),
  version: z.literal(1),
  model: Model,
  /** The epoch that first showed the change. */
  epoch: EpochIdSchema,
  /** That epoch's time, ISO 8601 UTC. */
  at: z.iso.datetime(),
  field: Field,
  old: Value,
  new: Value,
});
export type HistoryChangeRecord = z.infer<typeof HistoryChangeRecordSchema>;

/** One field of a DIFF_ENTRY: old is null for an added model, new for a removed one. */
export const DiffFieldChangeSchema = z.strictObject({ field: Field, old: Value, new: Value });
export type DiffFieldChange = z.infer<typeof DiffFieldChangeSchema>;

/** obs-diff: one per model that differs between the two points, sorted by model. */
export const DiffEntryRecordSchema = z.strictObject({
  type: z.literal("DIFF_ENTRY"),
  version: z.literal(1),
  model: Model,
  /** added: listed at `to` only; removed: at `from` only; changed: at both, fields differ. */
  change: z.enum(["added", "removed", "changed"]),
  /** Its fields, sorted (after --field): from null when added, to null when removed. */
  changes: z.array(DiffFieldChangeSchema),
});
export type DiffEntryRecord = z.infer<typeof DiffEntryRecordSchema>;

/** obs-diff: the last record, what was compared and how many models differ (after the filters). */
export const DiffSummaryRecordSchema = z.strictObject({
  type: z.literal("DIFF_SUMMARY"),
  version: z.literal(1),
  /** The epochs compared: the world as of `from`, and as of `to`. */
  from: EpochIdSchema,
  to: EpochIdSchema,
  /** Their times, ISO 8601 UTC. */
  from_at: z.iso.datetime(),
  to_at: z.iso.datetime(),
  /** DIFF_ENTRY records of each kind. */
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
  DIFF_ENTRY: DiffEntryRecordSchema,
  DIFF_SUMMARY: DiffSummaryRecordSchema,
  ...EVENT_RECORDS,
} as const;
