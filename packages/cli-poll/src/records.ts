// Every record obs-poll and obs-bench print on stdout, one zod schema each: the contract scripts
// and obs-check rely on. Each carries `type` and `version` (the record format; bump it when a
// field changes meaning or goes away). docs/schemas/records/ is generated from PRINTED_RECORDS.
import { EpochCommittedRecordSchema, EventSchema, RunRecordSchema } from "@observatory/core";
import { z } from "zod";

/** The last record of every run, whatever happened (committed, locked, failed...). */
export { RunRecordSchema };

/** Printed before the RUN record when the run committed an epoch. */
export const PrintedEpochCommittedSchema = EpochCommittedRecordSchema.extend({
  version: z.literal(1),
});

/**
 * An event as printed: the stored event (events.jsonl) plus `version`, equal to its `v`, so every
 * printed record reads the same way. `v` stays for readers of the stored format.
 */
function printedEvent<T extends (typeof EventSchema.options)[number]>(schema: T) {
  return schema.extend({ version: schema.shape.v });
}
const PRINTED_EVENTS = Object.fromEntries(
  EventSchema.options.map((o) => [o.shape.type.value, printedEvent(o)]),
) as {
  [K in (typeof EventSchema.options)[number] as K["shape"]["type"]["value"]]: ReturnType<
    typeof printedEvent<K>
  >;
};
export const PrintedEventSchema = z.discriminatedUnion(
  "type",
  EventSchema.options.map(printedEvent) as unknown as [
    ReturnType<typeof printedEvent>,
    ...ReturnType<typeof printedEvent>[],
  ],
);
export type PrintedEvent = z.infer<typeof PrintedEventSchema>;

/** obs-poll --list-providers: one per provider the tool knows, configured or not. */
export const ProviderRecordSchema = z.object({
  type: z.literal("PROVIDER"),
  version: z.literal(1),
  name: z.string(),
  kind: z.string(),
  /** The environment variable the key is read from (none for Ollama). */
  keyEnv: z.string().optional(),
  /** Masked to its last four characters ("****abcd"), "(not set)" or "(none needed)". */
  key: z.string(),
  configured: z.boolean(),
  baseUrl: z.string(),
  /** The variable that set the base URL, or "default". */
  baseUrlSource: z.string(),
  /** Ollama only: did it answer? */
  reachable: z.boolean().optional(),
  note: z.string().optional(),
  hint: z.string().optional(),
});
export type ProviderRecord = z.infer<typeof ProviderRecordSchema>;

/** Keyed by `type`: the run record, the commit record, each event type, the provider record. */
export const PRINTED_RECORDS = {
  RUN: RunRecordSchema,
  EPOCH_COMMITTED: PrintedEpochCommittedSchema,
  PROVIDER: ProviderRecordSchema,
  ...PRINTED_EVENTS,
} as const;
