// What callers can set: open-time options (clock, windows, health thresholds, probe severities)
// and route queries, checked by hand as they arrive from JavaScript callers. The zod schemas in
// options-schema.ts describe the same values (the RouteQuery type comes from them; a test holds
// the two to each other); the checks here load no validator, because `obs-oracle route` is a
// one-shot process whose start-up is most of its cost. The CLI's filter terms are keyed by the
// same option names.
import { BUILTIN_PROBES } from "../drift/builtin-probes.js";
import type { Probe } from "../drift/probes.js";
import { COST_CLASSES, type CostClass } from "../registry/cost-classes.js";
import { SEVERITIES, type Severity } from "../severity.js";
import { optionsInvalid } from "./errors.js";
import { MODALITIES, type Modality } from "./model/modality.js";
import type { RouteQuery } from "./options-schema.js";
import { PREFERENCES, type Preference } from "./preferences.js";

export { PREFERENCES, type Preference, type RouteQuery };

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
  /**
   * Read this committed epoch (an id like 20261121T052029.123Z-0000) instead of the current one.
   * The oracle is then pinned: refresh() never moves it. Not with `at`.
   */
  epoch?: string;
  /** Read the epoch that was current at this time, pinned like `epoch`. Not with `epoch`. */
  at?: Date;
}

export interface ResolvedOptions {
  now: () => Date;
  driftWindowMs: number;
  staleAfterMs: number;
  minHealthyReliability: number;
  minCalls: number;
  probeSeverity: ReadonlyMap<string, Severity>;
}

export function resolveOptions(o: OracleOptions = {}): ResolvedOptions {
  const problems = optionProblems(o);
  if (problems.length > 0) throw optionsInvalid(`bad oracle option: ${problems.join("; ")}`);
  return {
    now: o.now ?? (() => new Date()),
    driftWindowMs: o.driftWindowMs ?? DEFAULT_DRIFT_WINDOW_MS,
    staleAfterMs: o.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
    minHealthyReliability: o.minHealthyReliability ?? DEFAULT_MIN_HEALTHY_RELIABILITY,
    minCalls: o.minCalls ?? DEFAULT_MIN_CALLS,
    probeSeverity: new Map((o.probes ?? BUILTIN_PROBES).map((p) => [p.id, p.severity])),
  };
}

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
  const problems = queryProblems(q);
  if (problems.length > 0) throw optionsInvalid(`bad route query: ${problems.join("; ")}`);
  const d = q;
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

// The checks. Each returns null for an allowed value, else what is allowed.
type Check = (v: unknown) => string | null;
const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const wholeAtLeast0: Check = (v) =>
  Number.isSafeInteger(v) && (v as number) >= 0 ? null : "a whole number >= 0";
const share: Check = (v) => (finite(v) && v >= 0 && v <= 1 ? null : "a number from 0 to 1");
const atLeast0: Check = (v) => (finite(v) && v >= 0 ? null : "a number >= 0");
/** A duration in ms: >= 0, or Infinity for no limit. */
const duration: Check = (v) =>
  (finite(v) && v >= 0) || v === Number.POSITIVE_INFINITY
    ? null
    : "a number of milliseconds >= 0 (Infinity: no limit)";
const bool: Check = (v) => (typeof v === "boolean" ? null : "true or false");
const text: Check = (v) => (typeof v === "string" && v.length > 0 ? null : "a non-empty string");
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    values.includes(v as string) ? null : `one of ${values.join(", ")}`;

const OPTION_CHECKS: Readonly<Record<string, Check>> = {
  driftWindowMs: duration,
  staleAfterMs: duration,
  minHealthyReliability: share,
  minCalls: wholeAtLeast0,
};

const QUERY_CHECKS: Readonly<Record<keyof RouteQuery, Check>> = {
  minContext: wholeAtLeast0,
  minReliability: share,
  maxCost: oneOf(COST_CLASSES),
  maxLatencyMs: atLeast0,
  provider: text,
  requireTools: bool,
  minCalls: wholeAtLeast0,
  modality: oneOf(MODALITIES),
  prefer: oneOf(PREFERENCES),
  excludeDrift: (v) =>
    typeof v === "boolean" || SEVERITIES.includes(v as Severity)
      ? null
      : `true, false or one of ${SEVERITIES.join(", ")}`,
  excludeDeprecated: bool,
  excludeExpired: bool,
};

/** What is wrong with open()'s options, one line per option; empty when nothing is. */
export function optionProblems(o: unknown): string[] {
  if (typeof o !== "object" || o === null || Array.isArray(o))
    return ["(root): expected an object"];
  return problems(o as Record<string, unknown>, OPTION_CHECKS, false);
}

/** What is wrong with a route query, one line per key; empty when nothing is. */
export function queryProblems(q: unknown): string[] {
  if (typeof q !== "object" || q === null || Array.isArray(q))
    return ["(root): expected an object"];
  return problems(q as Record<string, unknown>, QUERY_CHECKS, true);
}

function problems(
  o: Record<string, unknown>,
  checks: Readonly<Record<string, Check>>,
  strict: boolean,
): string[] {
  const out: string[] = [];
  for (const key of Object.keys(o)) {
    const value = o[key];
    const check = Object.hasOwn(checks, key) ? checks[key] : undefined;
    if (check === undefined) {
      if (strict) out.push(`${key}: not a query key (${Object.keys(checks).join(", ")})`);
      continue;
    }
    if (value === undefined) continue;
    const wanted = check(value);
    if (wanted !== null) out.push(`${key}: expected ${wanted}, got ${shown(value)}`);
  }
  return out;
}

function shown(v: unknown): string {
  if (typeof v === "number" || v === undefined) return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return typeof v;
  }
}
