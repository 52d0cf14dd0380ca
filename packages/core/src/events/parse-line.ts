// Classifies one line of events.jsonl: a v2 event, a v1 line, or invalid (garbage, torn write).
import { EventSchema, type ObsEvent } from "./schema.js";

export type ParsedLine =
  | { kind: "event"; event: ObsEvent }
  | { kind: "legacy" }
  | { kind: "invalid" };

export function parseEventLine(line: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { kind: "invalid" };
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) return { kind: "invalid" };
  const r = EventSchema.safeParse(json);
  if (r.success) return { kind: "event", event: r.data };
  // v1 logs (ModelEvent) have event_type and no version field; migration keeps them in place.
  const obj = json as Record<string, unknown>;
  if (obj["v"] === undefined && typeof obj["event_type"] === "string") return { kind: "legacy" };
  return { kind: "invalid" };
}
