// obs-events' output forms: the printed record (the event plus `version`), a CSV row, a table
// row and a line for --follow on a terminal. Provider strings reach the terminal escaped.
import { cellText, type TableCell } from "@observatory/cli-kit";
import type { ObsEvent } from "@observatory/core";
import { csvLine, shortTime } from "../_format.js";

export const CSV_HEADER = ["ts", "epoch_id", "type", "severity", "provider", "model", "detail"];

export function printed(e: ObsEvent): ObsEvent & { version: number } {
  return { ...e, version: e.v };
}

function subject(e: ObsEvent): { provider: string; model: string } {
  const provider = "provider" in e && typeof e.provider === "string" ? e.provider : "";
  const model = "model_id" in e && typeof e.model_id === "string" ? e.model_id : "";
  return { provider, model };
}

/** One short line of what happened, for tables and CSV; the record has everything. */
export function detail(e: ObsEvent): string {
  switch (e.type) {
    case "METADATA_CHANGED":
      return e.changes.map((c) => c.path).join(", ");
    case "IDENTITY_CHANGED":
      return `${e.field}: ${e.before ?? "-"} -> ${e.after ?? "-"}`;
    case "BENCHMARK_RESULT":
      return `${e.probe}: ${e.verdict}`;
    case "BEHAVIOR_DRIFT":
    case "BENCHMARK_VARIANT":
      return e.probe;
    case "BENCHMARK_FAILURE":
    case "POLL_ERROR":
      return e.error.message;
    case "EPOCH_ABORTED":
      return `${e.aborted_epoch_id}: ${e.reason}`;
    case "EXPERIMENT_DRIFT":
      return `${e.lock}: ${e.violations.map((v) => v.kind).join(", ")}`;
    case "LISTING_WARNING":
      return e.message;
    default:
      return "reason" in e && typeof e.reason === "string" ? e.reason : "";
  }
}

export function csvRow(e: ObsEvent): string {
  const s = subject(e);
  return csvLine([e.ts, e.epoch_id, e.type, e.severity, s.provider, s.model, detail(e)]);
}

export const TABLE_HEAD = ["time (UTC)", "severity", "type", "model", "detail", "epoch"];

export function tableRow(e: ObsEvent): TableCell[] {
  const s = subject(e);
  const who = s.model ? `${s.provider}/${s.model}` : s.provider;
  return [
    shortTime(new Date(e.ts).toISOString()),
    e.severity,
    e.type,
    who,
    detail(e),
    e.epoch_id ?? "-",
  ];
}

/** --follow on a terminal: one line per event, as it arrives. */
export function followLine(e: ObsEvent): string {
  return `${tableRow(e).map(cellText).join("  ")}\n`;
}
