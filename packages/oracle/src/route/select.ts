// One pass over the epoch's models: what matches, why the rest do not, and the best match.
import type { ModelTable } from "../model/table.js";
import type { ResolvedQuery } from "../options.js";
import { COMPARE } from "./compare.js";
import {
  compileBounds,
  type Gates,
  HEALTH_CODES,
  type HealthCode,
  healthFailure,
  matchesBounds,
} from "./gates.js";

/** Why models were not picked: a health gate, or the caller's filters. */
export type ExclusionCounts = Record<HealthCode | "FILTERED", number>;

export interface Selection {
  /** Table index of the best match; -1 when nothing matches. */
  best: number;
  matched: number;
  excluded: ExclusionCounts;
}

function emptyCounts(): ExclusionCounts {
  // Health codes first, in gate order, then the filters: the order answers print them in.
  const c = {} as ExclusionCounts;
  for (const code of HEALTH_CODES) c[code] = 0;
  c.FILTERED = 0;
  return c;
}

export function select(t: ModelTable, q: ResolvedQuery, gates: Gates, nowMs: number): Selection {
  const cmp = COMPARE[q.prefer];
  const bounds = compileBounds(q, t);
  const excluded = emptyCounts();
  let best = -1;
  let matched = 0;
  for (let i = 0; i < t.size; i++) {
    const failed = healthFailure(t, i, gates, nowMs);
    if (failed !== null) {
      excluded[failed]++;
      continue;
    }
    if (!matchesBounds(t, i, bounds)) {
      excluded.FILTERED++;
      continue;
    }
    matched++;
    if (best < 0 || cmp(t, i, best) < 0) best = i;
  }
  return { best, matched, excluded };
}

/** Table indexes of every matching model, best first. */
export function rank(t: ModelTable, q: ResolvedQuery, gates: Gates, nowMs: number): number[] {
  const bounds = compileBounds(q, t);
  const out: number[] = [];
  for (let i = 0; i < t.size; i++)
    if (healthFailure(t, i, gates, nowMs) === null && matchesBounds(t, i, bounds)) out.push(i);
  const cmp = COMPARE[q.prefer];
  return out.sort((a, b) => cmp(t, a, b));
}
