// The parts of the registry and the benchmark store the oracle reads, checked by hand-written
// guards; the registry's is core's isRegistryEntry. Core's zod schemas stay the source of truth
// (tests hold the guards to them); the guards exist because at 10,000 models zod's copy of every
// entry cost more than the whole open() budget.
import { isRegistryEntry } from "../../registry/guard.js";
import type { CostClass } from "../../registry/schema.js";
import type { Severity } from "../../severity.js";
import { isDrift, isObj, strOrNull, VERDICTS } from "./_checks.js";

export interface RegistryEntryView {
  provider: string;
  model_id: string;
  present: boolean;
  removed_in: string | null;
  context_length: number | null;
  max_output_tokens: number | null;
  cost_class: CostClass | null;
  supports_tools: boolean | null;
  deprecation_date: string | null;
  expiration_date: string | null;
  /** Only its length is read: how many calls stand behind reliability and latency. */
  history: unknown[];
  reliability: number | null;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
}

export interface BenchEntryView {
  observed_in: string | null;
  last_verdict: "BASELINE" | "MATCH" | "VARIANT" | "CANDIDATE" | "DRIFT" | "NO_DATA" | null;
  baseline_since: string | null;
  /** The last confirmed drift (absent in stores written before core recorded it). */
  drift?: { epoch_id: string; severity: Severity } | null;
  state: { streak: number };
}

export interface RegistryModels {
  keys: string[];
  models: Record<string, RegistryEntryView>;
}

/** The registry's models, or null when the object is not a registry the oracle can read. */
export function registryModels(v: unknown): RegistryModels | null {
  if (!isObj(v) || v["schema"] !== "observatory.registry/1" || !isObj(v["models"])) return null;
  const models = v["models"];
  const keys = Object.keys(models);
  for (let i = 0; i < keys.length; i++) if (!isRegistryEntry(models[keys[i]!])) return null;
  return { keys, models: models as Record<string, RegistryEntryView> };
}

export function isBenchEntry(e: unknown): e is BenchEntryView {
  if (!isObj(e)) return false;
  const s = e["state"];
  return (
    strOrNull(e["observed_in"]) &&
    (e["last_verdict"] === null || VERDICTS.has(e["last_verdict"])) &&
    strOrNull(e["baseline_since"]) &&
    (e["drift"] === undefined || e["drift"] === null || isDrift(e["drift"])) &&
    isObj(s) &&
    Number.isSafeInteger(s["streak"]) &&
    (s["streak"] as number) >= 0
  );
}

export type BenchModels = Record<string, Record<string, BenchEntryView>>;

/** The benchmark store's models, or null when the object is not a store the oracle can read. */
export function benchModels(v: unknown): BenchModels | null {
  if (!isObj(v) || v["schema"] !== "observatory.benchmarks/1" || !isObj(v["models"])) return null;
  const models = v["models"];
  for (const k in models) {
    const probes = models[k];
    if (!isObj(probes)) return null;
    for (const p in probes) if (!isBenchEntry(probes[p])) return null;
  }
  return models as BenchModels;
}
