// Which models a route may pick: the health gates (listed, not expired, not deprecated, no recent
// drift at or above a severity, enough measured calls, reliability not measured below the floor),
// the modality match and the caller's filters. Pure; run once per model per route, so both only compare numbers in the table's
// columns, with the query compiled to numbers once per route.
import { severityRank } from "../../severity.js";
import { type Modality, servesModality } from "../model/modality.js";
import { COST_RANK } from "../model/profile.js";
import type { ModelTable } from "../model/table.js";
import type { ResolvedQuery } from "../options.js";

export const HEALTH_CODES = [
  "NOT_LISTED",
  "EXPIRED",
  "DEPRECATED",
  "DRIFT",
  "TOO_FEW_CALLS",
  "LOW_RELIABILITY",
] as const;
export type HealthCode = (typeof HEALTH_CODES)[number];

export interface Gates {
  /** Severity rank from which a recent drift excludes; Infinity when drift is ignored. */
  driftRank: number;
  deprecated: boolean;
  expired: boolean;
  /** Fewer measured calls than this is TOO_FEW_CALLS. */
  minCalls: number;
  minReliability: number;
}

export function gatesFor(q: ResolvedQuery, minHealthyReliability: number): Gates {
  return {
    driftRank: q.excludeDrift === null ? Number.POSITIVE_INFINITY : severityRank(q.excludeDrift),
    deprecated: q.excludeDeprecated,
    expired: q.excludeExpired,
    minCalls: q.minCalls,
    minReliability: minHealthyReliability,
  };
}

/**
 * The first health gate model i fails, as 1 + its index in HEALTH_CODES, or 0 when it is
 * healthy under these gates. A number, not a string: this runs 10,000 times per route.
 */
export function healthGate(t: ModelTable, i: number, g: Gates, nowMs: number): number {
  if (t.listed[i] === 0) return 1;
  // NaN (no date) compares false, so models without a date pass.
  if (g.expired && t.expiresAt[i]! <= nowMs) return 2;
  if (g.deprecated && t.deprecatedAt[i]! <= nowMs) return 3;
  if (t.driftRank[i]! >= g.driftRank) return 4;
  if (t.calls[i]! < g.minCalls) return 5;
  const rel = t.reliability[i]!;
  if (rel >= 0 && rel < g.minReliability) return 6;
  return 0;
}

/** The first health gate model i fails, or null when it is healthy under these gates. */
export function healthFailure(
  t: ModelTable,
  i: number,
  g: Gates,
  nowMs: number,
): HealthCode | null {
  const gate = healthGate(t, i, g, nowMs);
  return gate === 0 ? null : HEALTH_CODES[gate - 1]!;
}

/** A query's filters as bounds on the columns; unknown values (-1, +Infinity, 99) never pass. */
export interface Bounds {
  /** -1: any provider; -2: a provider this epoch does not have (nothing matches). */
  provider: number;
  minContext: number;
  minReliability: number;
  maxCostRank: number;
  maxLatency: number;
  tools: boolean;
  modality: Modality;
}

export function compileBounds(q: ResolvedQuery, t: ModelTable): Bounds {
  const provider = q.provider === null ? -1 : t.providerNames.indexOf(q.provider);
  return {
    provider: q.provider !== null && provider === -1 ? -2 : provider,
    // Stated minimums are >= 0, so the -1 of an unknown context or reliability never passes.
    minContext: q.minContext ?? Number.NEGATIVE_INFINITY,
    minReliability: q.minReliability ?? Number.NEGATIVE_INFINITY,
    maxCostRank: q.maxCost === null ? Number.POSITIVE_INFINITY : COST_RANK[q.maxCost],
    maxLatency: q.maxLatencyMs ?? Number.POSITIVE_INFINITY,
    tools: q.requireTools,
    modality: q.modality,
  };
}

/** The model gives out what the query asks for (checked before the other filters). */
export function matchesModality(t: ModelTable, i: number, b: Bounds): boolean {
  return servesModality(t.modality[i]!, b.modality);
}

export function matchesBounds(t: ModelTable, i: number, b: Bounds): boolean {
  if (b.provider !== -1 && t.provider[i] !== b.provider) return false;
  if (t.context[i]! < b.minContext) return false;
  if (t.reliability[i]! < b.minReliability) return false;
  if (t.costRank[i]! > b.maxCostRank) return false;
  if (t.latency[i]! > b.maxLatency) return false;
  if (b.tools && t.tools[i] === 0) return false;
  return true;
}
