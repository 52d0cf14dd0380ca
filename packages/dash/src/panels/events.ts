// Events: the newest events of the epochs committed up to the one shown, newest first, with
// severity, type, subject and core's one-line description (the same words webhooks use).
import { describeEvent, type ObsEvent, type Severity } from "@observatory/core";
import { EVENT_TAIL } from "../load/read-events.js";
import type { World } from "../load/world.js";
import type { PanelContext } from "./context.js";
import { formatTime, oneLine, shortTime } from "./format.js";
import type { PanelView, Row, Tone } from "./types.js";

export interface EventRecord {
  ts: string;
  epochId: string | null;
  severity: Severity;
  type: ObsEvent["type"];
  /** "provider/model", a lock, a provider or a file: what the event is about. */
  subject: string;
  description: string;
}

export function eventRecords(world: World, ctx: PanelContext): EventRecord[] {
  return world.events.map((e) => ({
    ts: e.ts,
    epochId: e.epoch_id,
    severity: e.severity,
    type: e.type,
    subject: ctx.redact(subjectOf(e)),
    description: ctx.redact(oneLine(describeEvent(e))),
  }));
}

function subjectOf(e: ObsEvent): string {
  if ("model_id" in e && "provider" in e && e.provider) {
    return "probe" in e ? `${e.provider}/${e.model_id} ${e.probe}` : `${e.provider}/${e.model_id}`;
  }
  if ("lock" in e && typeof e.lock === "string") return `lock ${e.lock}`;
  if ("provider" in e && typeof e.provider === "string") return e.provider;
  if (e.type === "STATE_CORRUPT") return e.file;
  if (e.type === "EPOCH_ABORTED") return e.aborted_epoch_id;
  if (e.type === "WEBHOOK_FAILED") return `hook ${e.hook}`;
  return "";
}

export function severityTone(s: Severity): Tone {
  switch (s) {
    case "CRITICAL":
    case "HIGH":
      return "bad";
    case "WARN":
    case "MEDIUM":
      return "warn";
    case "LOW":
      return "plain";
    case "INFO":
      return "dim";
  }
}

export function eventsPanel(records: EventRecord[]): PanelView {
  const rows: Row[] = records.map((r, i) => ({
    id: `${r.ts}#${r.type}#${r.subject}#${records.length - i}`,
    cells: [
      { text: shortTime(r.ts), tone: "dim" },
      { text: r.severity, tone: severityTone(r.severity) },
      { text: r.type, tone: severityTone(r.severity) },
      { text: r.description },
    ],
    detail: `${formatTime(r.ts)} ${r.severity} ${r.type} (epoch ${r.epochId ?? "none"}): ${r.description}`,
    search: `${r.type} ${r.subject} ${r.description}`.toLowerCase(),
    fields: { sev: r.severity, type: r.type, subject: r.subject, epoch: r.epochId ?? "" },
  }));
  const serious = records.filter((r) => r.severity === "HIGH" || r.severity === "CRITICAL").length;
  const capped = records.length >= EVENT_TAIL ? ` (the newest ${EVENT_TAIL})` : "";
  return {
    id: "events",
    title: "Events",
    columns: [
      { title: "TIME (UTC)", min: 14, max: 14 },
      { title: "SEV", min: 8, max: 8 },
      { title: "TYPE", min: 12, max: 18 },
      // The description names its subject (model, probe, lock), so it has no column of its own.
      { title: "WHAT", min: 12 },
    ],
    rows,
    empty: "No events logged up to this epoch.",
    summary: `${records.length} events${capped}, newest first; ${serious} HIGH or CRITICAL`,
    fields: ["epoch", "sev", "subject", "type"],
  };
}
