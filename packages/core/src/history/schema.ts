// The model history's stored forms. The history is what survives retention: one entry per
// committed epoch, holding the field-level changes of that epoch, in a head object the manifest
// names (`manifest.history`) and sealed, immutable segments it lists (history/<sha256>.json).
import { z } from "zod";
import { EPOCH_ID_PATTERN } from "../state/epoch-id.js";
import { Sha256Schema } from "../state/schemas.js";

const EpochId = z.string().regex(EPOCH_ID_PATTERN, "epoch id like 20261121T052029.123Z-0000");

/** A value as the provider reported it (a price stays the decimal string or number it was
 * given), a capability flag, or a boolean for "listed"; null is "not reported". */
export const HistoryValueSchema = z.union([z.string(), z.number(), z.boolean()]).nullable();
export type HistoryValue = z.infer<typeof HistoryValueSchema>;

/**
 * One field of one model changed: [model, field, before, after]. `model` is "provider/id";
 * `field` is a path of the model's canonical form ("name", "context_length", "pricing.prompt",
 * "capabilities", ...) or "listed". Whether a field changed is decided on the canonical values
 * fingerprints use (a re-spelled price is no change); the values recorded are the ones reported.
 * For the set-like "capabilities" each flag is its own change, the other side null. "listed"
 * goes false -> true when the model appears (its fields follow, from null) and true -> false
 * when it leaves the listing, which also clears its fields.
 */
export const HistoryChangeSchema = z.tuple([
  z.string().min(1),
  z.string().min(1),
  HistoryValueSchema,
  HistoryValueSchema,
]);
export type HistoryChange = z.infer<typeof HistoryChangeSchema>;

export const HistoryEntrySchema = z.strictObject({
  /** The committed epoch this entry belongs to. */
  e: EpochId,
  /** True when the entry starts the history: what came before it is not known, and its
   * changes list every model then listed (from null). */
  b: z.literal(true).optional(),
  /** The changes this epoch made, sorted by model then field; absent when nothing changed. */
  c: z.array(HistoryChangeSchema).optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const HistorySegmentRefSchema = z.strictObject({
  hash: Sha256Schema,
  first: EpochId,
  last: EpochId,
  entries: z.number().int().positive(),
});
export type HistorySegmentRef = z.infer<typeof HistorySegmentRefSchema>;

/** objects/<hash>.json named by `manifest.history`: the sealed segments, oldest first, then the
 * entries not yet sealed. */
export const HistoryHeadSchema = z.strictObject({
  schema: z.literal("observatory.history/1"),
  segments: z.array(HistorySegmentRefSchema),
  entries: z.array(HistoryEntrySchema),
});
export type HistoryHead = z.infer<typeof HistoryHeadSchema>;

/** history/<hash>.json: sealed entries, never rewritten, never pruned. */
export const HistorySegmentSchema = z.object({
  schema: z.literal("observatory.history-segment/1"),
  entries: z.array(HistoryEntrySchema).min(1),
});
export type HistorySegment = z.infer<typeof HistorySegmentSchema>;
