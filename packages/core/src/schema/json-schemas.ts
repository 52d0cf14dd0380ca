// JSON Schema for every file in the state contract, generated from the zod schemas (the source
// of truth). docs/schemas/ holds the committed copies; a test fails when they drift apart.
import { z } from "zod";
import { BenchmarkStoreSchema } from "../bench-store/schema.js";
import { ObservatoryConfigSchema } from "../config/schema.js";
import { ProbeFileSchema } from "../drift/probe-file.js";
import { EpochCommittedRecordSchema, EventSchema } from "../events/schema.js";
import { HistoryHeadSchema, HistorySegmentSchema } from "../history/schema.js";
import { LockSchema } from "../locks/schema.js";
import {
  CooldownStateSchema,
  WebhookConfigSchema,
  WebhookPayloadSchema,
} from "../notify/schema.js";
import { RegistrySchema } from "../registry/schema.js";
import { StoredRoutingIndexSchema } from "../routing/schema.js";
import { LockHolderSchema } from "../state/lock-holder.js";
import { ManifestSchema, PointerSchema, SnapshotSchema } from "../state/schemas.js";

export const CONTRACT_SCHEMAS = {
  pointer: PointerSchema,
  manifest: ManifestSchema,
  snapshot: SnapshotSchema,
  event: EventSchema,
  "epoch-committed-record": EpochCommittedRecordSchema,
  registry: RegistrySchema,
  routing: StoredRoutingIndexSchema,
  history: HistoryHeadSchema,
  "history-segment": HistorySegmentSchema,
  lock: LockSchema,
  benchmarks: BenchmarkStoreSchema,
  cooldowns: CooldownStateSchema,
  webhooks: WebhookConfigSchema,
  "probe-file": ProbeFileSchema,
  "webhook-payload": WebhookPayloadSchema,
  "lock-holder": LockHolderSchema,
  config: ObservatoryConfigSchema,
} as const;

/** File name -> pretty-printed JSON Schema text, for every state file format. */
export function contractJsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, schema] of Object.entries(CONTRACT_SCHEMAS)) {
    // Config files are what users write (input); state files are what we write (output).
    const io =
      name === "webhooks" || name === "probe-file" || name === "config" ? "input" : "output";
    out[`${name}.schema.json`] = jsonSchemaText(`observatory/${name}.schema.json`, schema, io);
  }
  return out;
}

/**
 * One zod schema as committed JSON Schema text (draft 2020-12, pretty-printed, with an $id). Also
 * used for the records the bins print, whose schemas live in the packages that print them.
 */
export function jsonSchemaText(
  id: string,
  schema: z.ZodType,
  io: "input" | "output" = "output",
): string {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io });
  return `${JSON.stringify({ $id: id, ...json }, null, 2)}\n`;
}
