// What callers can set: open-time options (clock, windows, health thresholds, probe severities)
// and route queries. The zod schemas validate values from JavaScript callers and config files;
// the types come from them, and the CLI's filter terms are keyed by the same option names.

import { z } from "zod";
import { BUILTIN_PROBES, type Probe } from "../drift/probes.js";
import { COST_CLASSES, type CostClass } from "../registry/schema.js";
import { SEVERITIES, type Severity } from "../severity.js";
import { optionsInvalid } from "./errors.js";
import { MODALITIES, type Modality } from "./model/modality.js";
import { PREFERENCES, type Preference } from "./preferences.js";

export { PREFERENCES, type Preference };

const DAY_MS = 86_400_000;
export const DEFAULT_DRIFT_WINDOW_MS = 7 * DAY_MS;
export const DEFAULT_STALE_AFTER_MS = DAY_MS;
export const DEFAULT_MIN_HEALTHY_RELIABILITY = 0.5;
/**
 * Calls a model needs in its registry window before it is healthy enough to route: one good
 * canary call is a reliability of 1.00 that says almost nothing.
 */
export const DEFAULT_MIN_CALLS = 5;

export interface OracleOptions {
  /** The clock for epoch age, staleness and deprecation/expiry dates (tests pin it). */
  now?: () => Date;
  /**
   * A confirmed drift counts against a model when it was confirmed at most this long before the
   * epoch's creation. Measured against the epoch, not the wall clock: if polling stops, time
   * passing does not make a drifted model healthy again. Default 7 days; Infinity for "ever".
   */
  driftWindowMs?: number;
  /** Answers flag their epoch as stale when it is older than this. Default 24 hours. */
  staleAfterMs?: number;
  /** A model whose measured reliability is below this is unhealthy. Default 0.5; 0 disables. */
  minHealthyReliability?: number;
  /**
   * A model needs at least this many measured calls (its registry window) to be healthy; fewer
   * is TOO_FEW_CALLS. The default for every answer; a route query's minCalls overrides it.
   * Default 5; 0 disables.
   */
  minCalls?: number;
  /** Probe definitions giving each probe's drift severity. Default: core's six built-in probes. */
  probes?: readonly Probe[];
}

export interface ResolvedOptions {
  now: () => Date;
  driftWindowMs: number;
  staleAfterMs: number;
  minHealthyReliability: number;
  minCalls: number;
  probeSeverity: ReadonlyMap<string, Severity>;
}

const OptionsSchema = z.object({
  driftWindowMs: z.number().nonnegative().optional(),
  staleAfterMs: z.number().nonnegative().optional(),
  minHealthyReliability: z.number().min(0).max(1).optional(),
  minCalls: z.number().int().nonnegative().optional(),
});

export function resolveOptions(o: OracleOptions = {}): ResolvedOptions {
  const r = OptionsSchema.safeParse(o);
  if (!r.success) throw optionsInvalid(`bad oracle option: ${issueText(r.error)}`);
  return {
    now: o.now ?? (() => new Date()),
    driftWindowMs: o.driftWindowMs ?? DEFAULT_DRIFT_WINDOW_MS,
    staleAfterMs: o.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
    minHealthyReliability: o.minHealthyReliability ?? DEFAULT_MIN_HEALTHY_RELIABILITY,
    minCalls: o.minCalls ?? DEFAULT_MIN_CALLS,
    probeSeverity: new Map((o.probes ?? BUILTIN_PROBES).map((p) => [p.id, p.severity])),
  };
}

export const RouteQuerySchema = z.strictObject({
  /** Context window of at least this many tokens. */
  minContext: z.number().int().nonnegative().optional(),
  /** Measured reliability of at least this (models never measured do not match). */
  minReliability: z.number().min(0).max(1).optional(),
  /** Cost class at most this (free < low < mid < high < premium; unknown cost does not match). */
  maxCost: z.enum(COST_CLASSES).optional(),
  /** Median latency of at most this many milliseconds (models never measured do not match). */
  maxLatencyMs: z.number().nonnegative().optional(),
  /** Only this provider's models. */
  provider: z.string().min(1).optional(),
  /** Only models whose metadata says they support tool calls. */
  requireTools: z.boolean().optional(),
  /**
   * Measured calls a model needs to be routed (default: the open() option, 5); fewer is the
   * health gate TOO_FEW_CALLS.
   */
  minCalls: z.number().int().nonnegative().optional(),
  /**
   * What the model must give out. "text" (default): text chat, text in and only text out;
   * "image", "audio", "video", "embedding": the listing says it gives that out; "any": no check.
   * Models whose listing says nothing count as text chat (see model/modality.ts).
   */
  modality: z.enum(MODALITIES).optional(),
  /** What decides between matching models. Default "reliability". */
  prefer: z.enum(PREFERENCES).optional(),
  /**
   * true (default): exclude models with a recent confirmed drift of any severity; a severity:
   * exclude only drifts at or above it (e.g. "HIGH" lets INFO echo drifts through); false: ignore.
   */
  excludeDrift: z.union([z.boolean(), z.enum(SEVERITIES)]).optional(),
  /** Exclude models whose deprecation date has passed. Default true. */
  excludeDeprecated: z.boolean().optional(),
  /** Exclude models whose expiration date has passed. Default true. */
  excludeExpired: z.boolean().optional(),
});
export type RouteQuery = z.input<typeof RouteQuerySchema>;

/** A query with every default applied; what answers echo back. */
export interface ResolvedQuery {
  minContext: number | null;
  minReliability: number | null;
  maxCost: CostClass | null;
  maxLatencyMs: number | null;
  provider: string | null;
  requireTools: boolean;
  minCalls: number;
  modality: Modality;
  prefer: Preference;
  /** The lowest drift severity that excludes a model; null when drift is ignored. */
  excludeDrift: Severity | null;
  excludeDeprecated: boolean;
  excludeExpired: boolean;
}

/** `minCalls` is the open() option's value, the default for a query that does not set it. */
export function resolveQuery(q: RouteQuery = {}, minCalls = DEFAULT_MIN_CALLS): ResolvedQuery {
  const r = RouteQuerySchema.safeParse(q);
  if (!r.success) throw optionsInvalid(`bad route query: ${issueText(r.error)}`);
  const d = r.data;
  return {
    minContext: d.minContext ?? null,
    minReliability: d.minReliability ?? null,
    maxCost: d.maxCost ?? null,
    maxLatencyMs: d.maxLatencyMs ?? null,
    provider: d.provider ?? null,
    requireTools: d.requireTools ?? false,
    minCalls: d.minCalls ?? minCalls,
    modality: d.modality ?? "text",
    prefer: d.prefer ?? "reliability",
    excludeDrift:
      d.excludeDrift === undefined || d.excludeDrift === true
        ? "INFO"
        : d.excludeDrift === false
          ? null
          : d.excludeDrift,
    excludeDeprecated: d.excludeDeprecated ?? true,
    excludeExpired: d.excludeExpired ?? true,
  };
}

function issueText(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
}
