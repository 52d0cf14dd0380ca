// Questions asked of the history: a model's changes, the world at a point in time, and what
// changed between two points. Everything replays the entries oldest first.
import { normalizeDecimal } from "../drift/decimal.js";
import { epochTime } from "../state/epoch-id.js";
import { LISTED } from "./derive.js";
import type { HistoryChange, HistoryEntry, HistoryValue } from "./schema.js";

/** A field's value as reported: a string or a number. */
export type ModelValue = string | number;
/** One model's fields at a point: field path -> value as reported ("capabilities" holds the
 * flags sorted and joined by ","). A model not in the map was not listed. */
export type ModelState = Map<string, ModelValue>;
export type WorldState = Map<string, ModelState>;

/** Applies one entry's changes to a world (in place). A baseline entry starts from nothing.
 * With `only`, the changes of other models are skipped (a world of just those models). */
export function applyEntry(
  world: WorldState,
  entry: HistoryEntry,
  only?: ReadonlySet<string>,
): void {
  if (entry.b) world.clear();
  for (const change of entry.c ?? []) {
    // Indexed, not destructured: on a 10,000-model baseline (80,000 changes, run once in code
    // not yet optimized) the iterator protocol of a destructuring costs more than the rest.
    const model = change[0];
    if (only !== undefined && !only.has(model)) continue;
    const field = change[1];
    const before = change[2];
    const after = change[3];
    if (field === LISTED) {
      if (after !== true) world.delete(model);
      else if (!world.has(model)) world.set(model, new Map());
      continue;
    }
    // Only listed models are in the world: a drift or serving change of a model no longer
    // listed stays in the rows, not in the world.
    const m = world.get(model);
    if (m === undefined) continue;
    if (field === "capabilities") {
      const flags = new Set(
        String(m.get(field) ?? "")
          .split(",")
          .filter((f) => f !== ""),
      );
      if (before !== null) flags.delete(String(before));
      if (after !== null) flags.add(String(after));
      if (flags.size === 0) m.delete(field);
      else m.set(field, [...flags].sort().join(","));
    } else if (after === null || typeof after === "boolean") m.delete(field);
    else m.set(field, after);
  }
}

/** The world as of `epochId` (the last entry at or before it). */
export function worldAt(entries: readonly HistoryEntry[], epochId: string): WorldState {
  const world: WorldState = new Map();
  for (const entry of entries) {
    if (entry.e > epochId) break;
    applyEntry(world, entry);
  }
  return world;
}

export interface HistoryRow {
  epoch_id: string;
  /** The epoch's time (ISO 8601, UTC). */
  at: string;
  model: string;
  field: string;
  before: HistoryValue;
  after: HistoryValue;
  /** (after - before) / before for numbers on both sides; null otherwise. */
  relative: number | null;
}

const NUMERIC = /^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/** (after - before) / before when both are numbers (or decimal strings); null otherwise. */
export function relativeChange(before: HistoryValue, after: HistoryValue): number | null {
  const num = (v: HistoryValue) =>
    typeof v === "number" ? v : typeof v === "string" && NUMERIC.test(v) ? Number(v) : Number.NaN;
  const a = num(before);
  const b = num(after);
  if (!Number.isFinite(a) || !Number.isFinite(b) || a === 0) return null;
  return (b - a) / a;
}

function row(entry: HistoryEntry, c: HistoryChange): HistoryRow {
  return {
    epoch_id: entry.e,
    at: epochTime(entry.e).toISOString(),
    model: c[0],
    field: c[1],
    before: c[2],
    after: c[3],
    relative: relativeChange(c[2], c[3]),
  };
}

export interface RowFilter {
  /** Exact "provider/id" names; undefined: every model. */
  models?: ReadonlySet<string>;
  /** A field path, or a prefix ending in "." ("pricing." for every price). */
  field?: string;
  provider?: ReadonlySet<string>;
  /** Epoch ids, inclusive bounds. */
  since?: string;
  until?: string;
}

function fieldMatches(field: string, want: string | undefined): boolean {
  if (want === undefined) return true;
  return want.endsWith(".")
    ? field.startsWith(want)
    : field === want || field.startsWith(`${want}.`);
}

/** Every change matching the filter, oldest first. */
export function historyRows(
  entries: readonly HistoryEntry[],
  filter: RowFilter = {},
): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const entry of entries) {
    if (filter.since !== undefined && entry.e < filter.since) continue;
    if (filter.until !== undefined && entry.e > filter.until) break;
    for (const c of entry.c ?? []) {
      if (filter.models && !filter.models.has(c[0])) continue;
      if (filter.provider && !filter.provider.has(c[0].slice(0, c[0].indexOf("/")))) continue;
      if (!fieldMatches(c[1], filter.field)) continue;
      rows.push(row(entry, c));
    }
  }
  return rows;
}

export interface WorldDiff {
  added: { model: string; fields: Record<string, ModelValue> }[];
  removed: { model: string; fields: Record<string, ModelValue> }[];
  changed: {
    model: string;
    field: string;
    before: ModelValue | null;
    after: ModelValue | null;
    relative: number | null;
  }[];
}

/** Equal, or the same number spelled two ways ("0.0000030" and 3e-6). */
function sameValue(a: ModelValue | null, b: ModelValue | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const x = normalizeDecimal(a);
  return x !== null && x === normalizeDecimal(b);
}

/** What differs from world `a` to world `b`, models and fields sorted. */
export function diffWorlds(a: WorldState, b: WorldState): WorldDiff {
  const out: WorldDiff = { added: [], removed: [], changed: [] };
  const models = [...new Set([...a.keys(), ...b.keys()])].sort();
  for (const model of models) {
    const x = a.get(model);
    const y = b.get(model);
    if (x === undefined && y !== undefined) {
      out.added.push({ model, fields: Object.fromEntries([...y].sort()) });
    } else if (y === undefined && x !== undefined) {
      out.removed.push({ model, fields: Object.fromEntries([...x].sort()) });
    } else if (x !== undefined && y !== undefined) {
      // Most models did not change: find the fields that differ first, sort only those.
      const fields: string[] = [];
      for (const [field, before] of x)
        if (!sameValue(before, y.get(field) ?? null)) fields.push(field);
      for (const field of y.keys()) if (!x.has(field)) fields.push(field);
      if (fields.length === 0) continue;
      for (const field of fields.sort()) {
        const before = x.get(field) ?? null;
        const after = y.get(field) ?? null;
        out.changed.push({ model, field, before, after, relative: relativeChange(before, after) });
      }
    }
  }
  return out;
}

/** Every model name the history has seen, sorted. */
export function knownModels(entries: readonly HistoryEntry[]): string[] {
  const names = new Set<string>();
  for (const entry of entries) for (const c of entry.c ?? []) names.add(c[0]);
  return [...names].sort();
}

export type PointResolution =
  | { ok: true; epochId: string }
  /** `invalid`: not a point at all (a usage error); `outside`: a point the history does not
   * reach (before it begins, an epoch it does not hold, or further back than it goes). */
  | { ok: false; kind: "invalid" | "outside"; reason: string };

/**
 * An epoch of the history from what a user typed: an epoch id, an ISO date or time (the epoch
 * current then), "@-N" (N epochs before the newest), "Nd"/"Nh"/"Nm" ago, or "now".
 */
export function resolvePoint(
  entries: readonly HistoryEntry[],
  spec: string,
  now: Date = new Date(),
): PointResolution {
  if (entries.length === 0) return { ok: false, kind: "outside", reason: "the history is empty" };
  const first = entries[0]!.e;
  const last = entries[entries.length - 1]!.e;
  const s = spec.trim();
  if (s === "now" || s === "@") return { ok: true, epochId: last };
  const back = /^@-(\d+)$/.exec(s);
  if (back) {
    const n = Number(back[1]);
    if (n >= entries.length)
      return {
        ok: false,
        kind: "outside",
        reason: `${s}: the history holds ${entries.length} epochs`,
      };
    return { ok: true, epochId: entries[entries.length - 1 - n]!.e };
  }
  if (/^\d{8}T\d{6}\.\d{3}Z-\d{4}$/.test(s)) {
    if (!entries.some((e) => e.e === s))
      return {
        ok: false,
        kind: "outside",
        reason: `epoch ${s} is not in the history (${first} .. ${last})`,
      };
    return { ok: true, epochId: s };
  }
  let at: number;
  const ago = /^(\d+(?:\.\d+)?)([dhm])$/.exec(s);
  if (ago) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[ago[2] as "d" | "h" | "m"];
    at = now.getTime() - Number(ago[1]) * unit;
  } else if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) {
    // A bare date is its first moment; a date or time without a zone is UTC, as epoch ids are.
    const iso = s.length === 10 ? `${s}T00:00:00Z` : s.replace(" ", "T");
    at = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`);
    if (Number.isNaN(at))
      return { ok: false, kind: "invalid", reason: `${s}: not a valid date or time` };
  } else {
    return {
      ok: false,
      kind: "invalid",
      reason: `${s}: expected an epoch id, an ISO date or time, @-N, Nd/Nh/Nm, or now`,
    };
  }
  let found: string | null = null;
  for (const entry of entries) {
    if (epochTime(entry.e).getTime() > at) break;
    found = entry.e;
  }
  if (found === null)
    return {
      ok: false,
      kind: "outside",
      reason: `${s}: before the history begins (${epochTime(first).toISOString()})`,
    };
  return { ok: true, epochId: found };
}
