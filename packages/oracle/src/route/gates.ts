// Which models a route may pick: the health gates (listed, not expired, not deprecated, no recent
// drift at or above a severity, reliability not measured below the floor) and the caller's
// filters. Pure; run once per model per route, so it only compares precomputed numbers.
import { severityRank } from "@observatory/core";
import { COST_RANK, type Row } from "../model/profile.js";
import type { ResolvedQuery } from "../options.js";

export const HEALTH_CODES = [
  "NOT_LISTED",
  "EXPIRED",
  "DEPRECATED",
  "DRIFT",
  "LOW_RELIABILITY",
] as const;
export type HealthCode = (typeof HEALTH_CODES)[number];

export interface Gates {
  /** Severity rank from which a recent drift excludes; Infinity when drift is ignored. */
  driftRank: number;
  deprecated: boolean;
  expired: boolean;
  minReliability: number;
}

export function gatesFor(q: ResolvedQuery, minHealthyReliability: number): Gates {
  return {
    driftRank: q.excludeDrift === null ? Number.POSITIVE_INFINITY : severityRank(q.excludeDrift),
    deprecated: q.excludeDeprecated,
    expired: q.excludeExpired,
    minReliability: minHealthyReliability,
  };
}

/** The first health gate a model fails, or null when it is healthy under these gates. */
export function healthFailure(row: Row, g: Gates, nowMs: number): HealthCode | null {
  if (!row.profile.listed) return "NOT_LISTED";
  // NaN (no date) compares false, so models without a date pass.
  if (g.expired && row.expiresAt <= nowMs) return "EXPIRED";
  if (g.deprecated && row.deprecatedAt <= nowMs) return "DEPRECATED";
  if (row.driftRank >= g.driftRank) return "DRIFT";
  const rel = row.profile.reliability;
  if (rel !== null && rel < g.minReliability) return "LOW_RELIABILITY";
  return null;
}

/** The caller's filters. Unknown values never match a bound: "at least 0.9" needs a number. */
export function matchesFilters(row: Row, q: ResolvedQuery): boolean {
  const p = row.profile;
  if (q.provider !== null && p.provider !== q.provider) return false;
  if (q.minContext !== null && (p.contextLength === null || p.contextLength < q.minContext))
    return false;
  if (q.minReliability !== null && (p.reliability === null || p.reliability < q.minReliability))
    return false;
  if (q.maxCost !== null && (p.costClass === null || row.costRank > COST_RANK[q.maxCost]))
    return false;
  if (q.maxLatencyMs !== null && (p.latencyP50Ms === null || p.latencyP50Ms > q.maxLatencyMs))
    return false;
  if (q.requireTools && p.supportsTools !== true) return false;
  return true;
}
