// One pass over the epoch's models: what matches, why the rest do not, and the best match.
import type { Row } from "../model/profile.js";
import type { ResolvedQuery } from "../options.js";
import { COMPARE } from "./compare.js";
import {
  type Gates,
  HEALTH_CODES,
  type HealthCode,
  healthFailure,
  matchesFilters,
} from "./gates.js";

/** Why models were not picked: a health gate, or the caller's filters. */
export type ExclusionCounts = Record<HealthCode | "FILTERED", number>;

export interface Selection {
  best: Row | null;
  matched: number;
  excluded: ExclusionCounts;
}

function emptyCounts(): ExclusionCounts {
  const c = { FILTERED: 0 } as ExclusionCounts;
  for (const code of HEALTH_CODES) c[code] = 0;
  return c;
}

export function select(
  rows: readonly Row[],
  q: ResolvedQuery,
  gates: Gates,
  nowMs: number,
): Selection {
  const cmp = COMPARE[q.prefer];
  const excluded = emptyCounts();
  let best: Row | null = null;
  let matched = 0;
  for (const row of rows) {
    const failed = healthFailure(row, gates, nowMs);
    if (failed !== null) {
      excluded[failed]++;
      continue;
    }
    if (!matchesFilters(row, q)) {
      excluded.FILTERED++;
      continue;
    }
    matched++;
    if (best === null || cmp(row, best) < 0) best = row;
  }
  return { best, matched, excluded };
}

/** Every matching model, best first. */
export function rank(rows: readonly Row[], q: ResolvedQuery, gates: Gates, nowMs: number): Row[] {
  return rows
    .filter((r) => healthFailure(r, gates, nowMs) === null && matchesFilters(r, q))
    .sort(COMPARE[q.prefer]);
}
