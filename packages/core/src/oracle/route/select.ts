// Choosing models. Each preference's full order over the epoch is computed once (on first use)
// and kept, so route() walks models best-first and stops at the first that passes the gates
// and filters: a few reads for a typical query, one pass over the columns at worst.
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
  const order = orderFor(t, q.prefer);
  const bounds = compileBounds(q, t);
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (
      healthGate(t, i, gates, nowMs) === 0 &&
      matchesModality(t, i, bounds) &&
      matchesBounds(t, i, bounds)
    )
      return i;
  }
  return -1;
}

export interface Tally {
  /** Table indexes of every match, best first. */
  matching: number[];
  excluded: ExclusionCounts;
}

/** Every match, and why each other model was left out (its first failing gate, or the filters). */
export function tally(t: ModelTable, q: ResolvedQuery, gates: Gates, nowMs: number): Tally {
  const order = orderFor(t, q.prefer);
  const bounds = compileBounds(q, t);
  const byGate = new Int32Array(HEALTH_CODES.length + 3);
  const modality = HEALTH_CODES.length + 1;
  const filtered = HEALTH_CODES.length + 2;
  const matching: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const gate = healthGate(t, i, gates, nowMs);
    if (gate !== 0) byGate[gate]!++;
    else if (!matchesModality(t, i, bounds)) byGate[modality]!++;
    else if (!matchesBounds(t, i, bounds)) byGate[filtered]!++;
    else matching.push(i);
  }
  // Health codes in gate order, then the modality, then the filters: the order answers print.
  const excluded = {} as ExclusionCounts;
  HEALTH_CODES.forEach((code, g) => {
    excluded[code] = byGate[g + 1]!;
  });
  excluded.MODALITY = byGate[modality]!;
  excluded.FILTERED = byGate[filtered]!;
  return { matching, excluded };
}
