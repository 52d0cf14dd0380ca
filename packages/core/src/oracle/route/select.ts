// Choosing models. Each preference's full order over the epoch is computed once (on its second
// use) and kept, so route() walks models best-first and stops at the first that passes the gates
// and filters: a few reads for a typical query, one pass over the columns at worst. The first
// route for a preference scans instead (one pass, no sort): a one-shot caller such as
// `obs-oracle route` never pays for an order it would use once.
import type { ModelTable } from "../model/table.js";
import type { Preference, ResolvedQuery } from "../options.js";
import { COMPARE } from "./compare.js";
import {
  compileBounds,
  type Gates,
  HEALTH_CODES,
  type HealthCode,
  healthGate,
  matchesBounds,
  matchesModality,
} from "./gates.js";

/**
 * Why models were not picked: a health gate, the modality (MODALITY: it does not give out what
 * the query asks for), or the caller's other filters (FILTERED).
 */
export type ExclusionCounts = Record<HealthCode | "MODALITY" | "FILTERED", number>;

const orders = new WeakMap<ModelTable, Map<Preference, Int32Array>>();
/** Preferences routed once on a table, whose order is built on the next use. */
const usedOnce = new WeakMap<ModelTable, Set<Preference>>();

/** Every model's table index, best first for the preference (stable: ties end in key order). */
export function orderFor(t: ModelTable, prefer: Preference): Int32Array {
  let byPref = orders.get(t);
  if (byPref === undefined) {
    byPref = new Map();
    orders.set(t, byPref);
  }
  let order = byPref.get(prefer);
  if (order === undefined) {
    const cmp = COMPARE[prefer];
    order = Int32Array.from({ length: t.size }, (_, i) => i).sort((a, b) => cmp(t, a, b));
    byPref.set(prefer, order);
  }
  return order;
}

/** Table index of the best model passing the gates and filters; -1 when none does. */
export function best(t: ModelTable, q: ResolvedQuery, gates: Gates, nowMs: number): number {
  return pick(t, q, gates, nowMs).index;
}

export interface Pick {
  /** The best match's table index; -1 when none matches. */
  index: number;
  /** With no match: why each model was left out (the walk saw them all); null otherwise. */
  excluded: ExclusionCounts | null;
}

/**
 * The best model, walking the preference's order and stopping at the first match. A walk that
 * finds none has looked at every model, so it counts why each was left out as it goes: a miss
 * costs one pass, not a second one to explain itself.
 */
export function pick(t: ModelTable, q: ResolvedQuery, gates: Gates, nowMs: number): Pick {
  const { passes, excluded } = exclusionCounter(t, q, gates, nowMs);
  let found = -1;
  if (orders.get(t)?.has(q.prefer) !== true && firstUse(t, q.prefer)) {
    // The best passing model by the same comparison the order uses: the same answer.
    const cmp = COMPARE[q.prefer];
    for (let i = 0; i < t.size; i++) {
      if (passes(i) && (found < 0 || cmp(t, i, found) < 0)) found = i;
    }
  } else {
    const order = orderFor(t, q.prefer);
    for (let k = 0; k < order.length && found < 0; k++) {
      if (passes(order[k]!)) found = order[k]!;
    }
  }
  return { index: found, excluded: found < 0 ? excluded() : null };
}

/** True the first time a preference is routed on a table (and records that it has been). */
function firstUse(t: ModelTable, prefer: Preference): boolean {
  let used = usedOnce.get(t);
  if (used === undefined) {
    used = new Set();
    usedOnce.set(t, used);
  }
  if (used.has(prefer)) return false;
  used.add(prefer);
  return true;
}

export interface Tally {
  /** Table indexes of every match: best first, or in table order when not `ordered`. */
  matching: number[];
  /** The best match's table index (what best() gives), -1 when nothing matches. */
  best: number;
  excluded: ExclusionCounts;
}

/**
 * Every match, and why each other model was left out (its first failing gate, or the filters).
 * `ordered: false` leaves the matches in table order, for a caller that only counts them.
 */
export function tally(
  t: ModelTable,
  q: ResolvedQuery,
  gates: Gates,
  nowMs: number,
  ordered = true,
): Tally {
  const order = ordered ? orderFor(t, q.prefer) : null;
  const { passes, excluded } = exclusionCounter(t, q, gates, nowMs);
  const matching: number[] = [];
  const cmp = COMPARE[q.prefer];
  let top = -1;
  for (let k = 0; k < t.size; k++) {
    const i = order === null ? k : order[k]!;
    if (!passes(i)) continue;
    matching.push(i);
    if (top < 0 || (order === null && cmp(t, i, top) < 0)) top = i;
  }
  return { matching, best: top, excluded: excluded() };
}

/**
 * Whether model i passes the health gates, the modality and the filters; when it does not,
 * counts the first thing that left it out. `excluded()` gives the counts so far.
 */
function exclusionCounter(t: ModelTable, q: ResolvedQuery, gates: Gates, nowMs: number) {
  const bounds = compileBounds(q, t);
  const byGate = new Int32Array(HEALTH_CODES.length + 3);
  const modality = HEALTH_CODES.length + 1;
  const filtered = HEALTH_CODES.length + 2;
  return {
    passes(i: number): boolean {
      const gate = healthGate(t, i, gates, nowMs);
      if (gate !== 0) byGate[gate]!++;
      else if (!matchesModality(t, i, bounds)) byGate[modality]!++;
      else if (!matchesBounds(t, i, bounds)) byGate[filtered]!++;
      else return true;
      return false;
    },
    excluded: () => exclusionCounts(byGate),
  };
}

/** Health codes in gate order, then the modality, then the filters: the order answers print. */
function exclusionCounts(byGate: Int32Array): ExclusionCounts {
  const excluded = {} as ExclusionCounts;
  HEALTH_CODES.forEach((code, g) => {
    excluded[code] = byGate[g + 1]!;
  });
  excluded.MODALITY = byGate[HEALTH_CODES.length + 1]!;
  excluded.FILTERED = byGate[HEALTH_CODES.length + 2]!;
  return excluded;
}
