// The oracle's questions of the model history: one model's changes, a field's value at a point,
// and what changed between two points. Pure: they answer from the entries read once per epoch
// (read.ts), replayed oldest first by core's history queries.
import { ExitCode, ObsError } from "../../errors.js";
import { LISTED } from "../../history/derive.js";
import {
  applyEntry,
  diffWorlds,
  historyRows,
  knownModels,
  type ModelValue,
  type WorldState,
  worldAt,
} from "../../history/query.js";
import type { HistoryEntry, HistoryValue } from "../../history/schema.js";
import { OracleErrorCode } from "../errors.js";
import { suggestKeys } from "../suggest.js";
import { type HistoryPoint, resolve, resolveInside } from "./points.js";

export interface HistoryQuery {
  /** A field path ("pricing.prompt", "context_length", "listed", ...), or a prefix ending in "."
   * ("pricing." for every price). Default: every field. */
  field?: string;
  /** Only the changes after this point (what diff(since, "now") sums up). */
  since?: HistoryPoint;
  /** Only the changes up to and including this point. */
  until?: HistoryPoint;
}

/** One field of one model changed in one epoch. */
export interface ModelHistoryRow {
  /** The epoch that recorded the change. */
  epoch: string;
  /** That epoch's time (ISO 8601, UTC). */
  at: string;
  field: string;
  /** As the provider reported it (a price stays the decimal string it was given); null: not
   * reported. "listed" is a boolean; "capabilities" one flag, the other side null. */
  old: HistoryValue;
  new: HistoryValue;
  /** (new - old) / old when both are numbers (or decimal strings); null otherwise. */
  relative: number | null;
}

export interface ChangedField {
  model: string;
  field: string;
  old: ModelValue | null;
  new: ModelValue | null;
  relative: number | null;
}

export interface HistoryDiff {
  /** The epochs the two points resolved to. */
  from: string;
  to: string;
  /** Models listed at `to` but not at `from`, with every field they had then. */
  added: { model: string; fields: Record<string, ModelValue> }[];
  /** Models listed at `from` but not at `to`, with every field they had before. */
  removed: { model: string; fields: Record<string, ModelValue> }[];
  /** Fields of models listed at both that differ ("capabilities": the flags joined by ","). */
  changed: ChangedField[];
}

export function modelHistory(
  entries: readonly HistoryEntry[],
  model: string,
  q: HistoryQuery,
  now: Date,
): ModelHistoryRow[] {
  requireKnown(entries, model);
  const since = q.since === undefined ? null : resolve(entries, q.since, "since", now);
  const until = q.until === undefined ? null : resolve(entries, q.until, "until", now);
  if (until?.kind === "before-history") return [];
  const inRange = entries.filter(
    (e) =>
      (since?.kind !== "epoch" || e.e > since.epochId) && (until === null || e.e <= until.epochId),
  );
  const filter = { models: new Set([model]), ...(q.field === undefined ? {} : { field: q.field }) };
  return historyRows(inRange, filter).map((r) => ({
    epoch: r.epoch_id,
    at: r.at,
    field: r.field,
    old: r.before,
    new: r.after,
    relative: r.relative,
  }));
}

/**
 * A field's value at a point: as reported, null when the model was listed without it, undefined
 * when the model was not listed. "listed" itself answers true or false.
 */
export function valueAt(
  entries: readonly HistoryEntry[],
  model: string,
  field: string,
  at: HistoryPoint,
  now: Date,
): ModelValue | boolean | null | undefined {
  requireKnown(entries, model);
  const epochId = resolveInside(entries, at, "valueAt's at", now);
  // Replays this model's changes only: the world of one model.
  const world: WorldState = new Map();
  for (const entry of entries) {
    if (entry.e > epochId) break;
    const c = entry.c?.filter((change) => change[0] === model);
    applyEntry(world, { e: entry.e, ...(entry.b ? { b: true } : {}), ...(c ? { c } : {}) });
  }
  const fields = world.get(model);
  if (field === LISTED) return fields !== undefined;
  if (fields === undefined) return undefined;
  return fields.get(field) ?? null;
}

export function diffPoints(
  entries: readonly HistoryEntry[],
  a: HistoryPoint,
  b: HistoryPoint,
  now: Date,
): HistoryDiff {
  const from = resolveInside(entries, a, "diff's a", now);
  const to = resolveInside(entries, b, "diff's b", now);
  const d = diffWorlds(worldAt(entries, from), worldAt(entries, to));
  return {
    from,
    to,
    added: d.added,
    removed: d.removed,
    changed: d.changed.map((c) => ({
      model: c.model,
      field: c.field,
      old: c.before,
      new: c.after,
      relative: c.relative,
    })),
  };
}

/** A model the history never saw is a mistake (a typo, a missing provider prefix), not "unlisted". */
function requireKnown(entries: readonly HistoryEntry[], model: string): void {
  if (typeof model !== "string" || model === "")
    throw new ObsError(OracleErrorCode.OPTIONS_INVALID, "a model id is a non-empty string", {
      exitCode: ExitCode.USAGE,
    });
  for (const entry of entries) for (const c of entry.c ?? []) if (c[0] === model) return;
  const near = suggestKeys(model, knownModels(entries));
  throw new ObsError(
    OracleErrorCode.UNKNOWN_MODEL,
    `the model history has never seen ${model}${near.length > 0 ? ` (did you mean ${near.join(", ")}?)` : ""}`,
    {
      hint: 'models are named "provider/id", as the oracle lists them',
      exitCode: ExitCode.NOT_FOUND,
    },
  );
}
