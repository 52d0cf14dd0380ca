// obs-history after its arguments are parsed: read the history, pick the model, print its rows.
import { type CommandOutput, ndjson, openStateDir, table } from "@observatory/cli-kit";
import { type HistoryRow, historyRows, knownModels, terminalSafe } from "@observatory/core";
import { csvLine, csvNumber, plural, relativeText, shortTime, valueText } from "../_format.js";
import { resolveModel } from "../_models.js";
import { point } from "../_points.js";
import { loadHistory, noHistoryNote } from "../_state.js";
import type { HistoryChangeRecord } from "../records.js";

export interface HistoryArgs {
  stateDir?: string | undefined;
  model: string;
  field?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  json?: boolean | undefined;
  csv?: boolean | undefined;
  quiet?: boolean | undefined;
}

export interface Io {
  /** stdout is a terminal: a table instead of NDJSON. */
  stdoutIsTTY: boolean;
  now: Date;
}

/** The record's names; `relative` is (new - old) / old when both are numbers. */
export const CSV_HEADER = ["epoch", "at", "model", "field", "old", "new", "relative"];

export async function historyCommand(a: HistoryArgs, io: Io): Promise<CommandOutput> {
  const stateDir = await openStateDir(a.stateDir);
  // One model named as the history spells it (provider/id), at every point: read for that model
  // alone, core parses only the entries that change it. A suffix, a name the history does not
  // hold, or a point (which needs every epoch) read it all.
  const points = a.since !== undefined || a.until !== undefined;
  const exact =
    a.model.includes("/") && !points
      ? await loadHistory(stateDir, false, new Set([a.model]))
      : null;
  const loaded =
    exact !== null && exact.entries.length > 0 ? exact : await loadHistory(stateDir, false);
  const stderr = a.quiet ? [] : [...loaded.notes];
  const say = (rest: string[], stdout = "") => ({
    stdout,
    stderr: [...stderr, ...rest].map((l) => `${l}\n`).join(""),
    exitCode: 0,
  });
  if (!loaded.present)
    return say([noHistoryNote(loaded.epoch.epochId)], a.csv ? csvLine(CSV_HEADER) : "");
  const { entries } = loaded;
  const model = resolveModel(a.model, knownModels(entries), "obs-history");
  const since = a.since === undefined ? null : point(entries, a.since, "--since", io.now);
  const until = a.until === undefined ? null : point(entries, a.until, "--until", io.now);
  const window = entries.filter(
    (e) =>
      (since?.kind !== "epoch" || e.e > since.epochId) &&
      (until === null || (until.kind === "epoch" && e.e <= until.epochId)),
  );
  const rows = historyRows(window, {
    models: new Set([model]),
    ...(a.field !== undefined ? { field: a.field } : {}),
  });
  if (model !== a.model && !a.quiet && io.stdoutIsTTY)
    stderr.push(`${terminalSafe(a.model)}: read as ${terminalSafe(model)}`);
  if (a.csv) return say([], csvLine(CSV_HEADER) + rows.map(csvRow).join(""));
  if (!io.stdoutIsTTY || a.json) return say([], rows.map((r) => ndjson(record(r))).join(""));
  return say([], humanTable(model, rows, loaded.epochs));
}

/** The contract's fields in the contract's order; the relative change is the table's alone. */
export function record(r: HistoryRow): HistoryChangeRecord {
  return {
    type: "HISTORY_CHANGE",
    version: 1,
    model: r.model,
    epoch: r.epoch_id,
    at: r.at,
    field: r.field,
    old: r.before,
    new: r.after,
  };
}

function csvRow(r: HistoryRow): string {
  return csvLine([r.epoch_id, r.at, r.model, r.field, r.before, r.after, csvNumber(r.relative)]);
}

function humanTable(model: string, rows: readonly HistoryRow[], epochs: number): string {
  if (rows.length === 0)
    return `${terminalSafe(model)}: no changes in ${plural(epochs, "epoch")} of history\n`;
  const body = table(
    ["epoch", "time (UTC)", "field", "old", "new", "change"],
    rows.map((r) => [
      r.epoch_id,
      shortTime(r.at),
      r.field,
      valueText(r.before),
      valueText(r.after),
      relativeText(r.relative),
    ]),
  );
  return `${terminalSafe(model)}: ${plural(rows.length, "change")}\n${body}\n`;
}
