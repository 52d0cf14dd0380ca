// The benchmark store for epoch 0. v1 kept, per model, sha256(prompt)[:16] -> sha256(answer):
// a hash cannot become a canonical value, so every (model, probe) v1 measured is carried as
// NEEDS_REBASELINE and the first v2 benchmark sets the baseline without raising drift. The
// seed's `_v2_baselines` hold values from the seed's own canonicalizers, which are not v2's, so
// they too become NEEDS_REBASELINE rather than baselines.
import {
  type BenchEntry,
  type BenchmarkStore,
  BenchmarkStoreSchema,
  BUILTIN_PROBES,
  builtinProbeAt,
  DEFAULT_DETECTOR_PARAMS,
  needsRebaselineState,
  sha256Hex,
} from "@observatory/core";
import { V1PromptHashesSchema } from "../v1/formats.js";

export interface BenchmarkStats {
  models: number;
  /** (model, probe) pairs marked NEEDS_REBASELINE. */
  pairs: number;
  /** v1 prompt hashes that match none of the six built-in prompts (an older prompt set). */
  unknownPrompts: number;
  /** Canonical values found in the seed's `_v2_baselines` and deliberately not carried. */
  ignoredValues: number;
  /** Entries without the v1 shape. */
  skipped: number;
}

/** v1 named a prompt by the first 16 hex digits of its text's sha256. */
const BY_PROMPT_HASH = new Map(BUILTIN_PROBES.map((p) => [sha256Hex(p.prompt).slice(0, 16), p]));

function rebaseline(): BenchEntry {
  return {
    state: needsRebaselineState(),
    observed_in: null,
    last_verdict: null,
    baseline_since: null,
    drift: null,
  };
}

export function migrateBenchmarks(data: Record<string, unknown>): {
  store: BenchmarkStore;
  stats: BenchmarkStats;
} {
  const models: Record<string, Record<string, BenchEntry>> = {};
  const stats: BenchmarkStats = {
    models: 0,
    pairs: 0,
    unknownPrompts: 0,
    ignoredValues: 0,
    skipped: 0,
  };
  const mark = (key: string, probeId: string) => {
    const probes = models[key] ?? {};
    if (!probes[probeId]) stats.pairs++;
    probes[probeId] = rebaseline();
    models[key] = probes;
  };
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith("_")) continue;
    const hashes = V1PromptHashesSchema.safeParse(value);
    if (!key.includes("/") || !hashes.success) {
      stats.skipped++;
      continue;
    }
    for (const promptHash of Object.keys(hashes.data)) {
      const probe = BY_PROMPT_HASH.get(promptHash);
      if (probe) mark(key, probe.id);
      else stats.unknownPrompts++;
    }
  }
  const seed = data["_v2_baselines"];
  if (seed !== null && typeof seed === "object" && !Array.isArray(seed)) {
    for (const [key, prompts] of Object.entries(seed as Record<string, unknown>)) {
      if (prompts === null || typeof prompts !== "object" || !key.includes("/")) continue;
      for (const [index, baseline] of Object.entries(prompts as Record<string, unknown>)) {
        const probe = builtinProbeAt(Number(index));
        if (!probe || !/^\d+$/.test(index)) {
          stats.unknownPrompts++;
          continue;
        }
        const value = (baseline as { canonical_baseline?: unknown } | null)?.canonical_baseline;
        if (typeof value === "string") stats.ignoredValues++;
        mark(key, probe.id);
      }
    }
  }
  stats.models = Object.keys(models).length;
  const sorted = Object.fromEntries(Object.entries(models).sort(([a], [b]) => (a < b ? -1 : 1)));
  const store = BenchmarkStoreSchema.parse({
    schema: "observatory.benchmarks/1",
    params: DEFAULT_DETECTOR_PARAMS,
    models: sorted,
  });
  return { store, stats };
}
