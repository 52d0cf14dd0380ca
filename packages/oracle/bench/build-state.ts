// Builds a large state directory through core's real write path (openStateWriter().commit), for
// the oracle bench: `providers` x `perProvider` models, call history in the registry, and drift
// state for a share of the models.
import {
  type BenchmarkStore,
  BUILTIN_PROBES,
  type CallRecord,
  DEFAULT_DETECTOR_PARAMS,
  initialDetectorState,
  observe,
  openStateWriter,
  type Registry,
  type Snapshot,
  updateRegistry,
} from "@observatory/core";

export interface StateShape {
  providers: number;
  perProvider: number;
  /** Calls per model in the registry's sliding window (max 20). */
  history: number;
  /** Share of models with a benchmark store entry (all six probes). */
  benchmarkedShare: number;
}

const PRICES = ["0", "0.0000002", "0.000001", "0.000003", "0.00001", "0.00003"];

/**
 * The first provider lists modalities as OpenRouter does (input:/output: flags, a few image and
 * audio generators among text chat models), so the oracle parses its snapshot; the others list
 * bare capability flags, as most providers do, and their snapshots need no parse.
 */
function capabilities(provider: string, i: number): string[] {
  const base = i % 3 === 0 ? ["tools", "vision"] : ["vision"];
  if (provider !== "prov0") return base;
  const out = i % 50 === 0 ? "output:image" : i % 70 === 0 ? "output:audio" : "output:text";
  return ["input:image", "input:text", out, ...base].sort();
}

function snapshot(provider: string, n: number): Snapshot {
  return {
    schema: "observatory.snapshot/1",
    provider,
    fingerprint_scheme: "semantic-v1",
    models: Array.from({ length: n }, (_, i) => ({
      id: `model-${String(i).padStart(5, "0")}`,
      name: `Model ${i}`,
      context_length: [8_192, 32_768, 128_000, 200_000, 1_000_000][i % 5]!,
      pricing: { prompt: PRICES[i % PRICES.length]!, completion: "0.000015" },
      capabilities: capabilities(provider, i),
      ...(i % 97 === 0 ? { deprecation_date: "2025-01-01" } : {}),
    })),
  };
}

/** Deterministic pseudo-random numbers, so two runs build the same state. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function buildState(dir: string, shape: StateShape): Promise<{ epochId: string }> {
  const opened = await openStateWriter(dir, { tool: "oracle-bench", version: "0" });
  if (!opened.ok) throw new Error(opened.message);
  const w = opened.writer;
  try {
    const names = Array.from({ length: shape.providers }, (_, i) => `prov${i}`);
    const snapshots = Object.fromEntries(names.map((p) => [p, snapshot(p, shape.perProvider)]));
    const rand = lcg(7);
    const epochId = await w.reserveEpochId();
    let registry: Registry | null = null;
    // One registry update per window slot: the same sliding-window code obs-poll runs.
    for (let round = 0; round < Math.max(1, shape.history); round++) {
      const calls: CallRecord[] = [];
      if (round < shape.history) {
        for (const [provider, snap] of Object.entries(snapshots)) {
          for (const m of snap.models) {
            const ok = rand() > 0.05;
            calls.push({
              provider,
              model_id: m.id,
              outcome: ok ? "ok" : "error",
              latency_ms: ok ? Math.round(200 + rand() * 2000) : null,
            });
          }
        }
      }
      registry = updateRegistry(registry, {
        epochId,
        snapshots,
        freshProviders: new Set(names),
        calls,
      });
    }
    const benchmarks: BenchmarkStore = {
      schema: "observatory.benchmarks/1",
      params: DEFAULT_DETECTOR_PARAMS,
      models: {},
    };
    for (const [provider, snap] of Object.entries(snapshots)) {
      for (const m of snap.models) {
        if (rand() >= shape.benchmarkedShare) continue;
        const probes: BenchmarkStore["models"][string] = {};
        for (const probe of BUILTIN_PROBES) {
          const v = { ok: true as const, value: probe.expected };
          const { state } = observe(initialDetectorState(), [v, v, v]);
          probes[probe.id] = {
            state,
            observed_in: epochId,
            last_verdict: "BASELINE",
            baseline_since: epochId,
            drift: null,
          };
        }
        benchmarks.models[`${provider}/${m.id}`] = probes;
      }
    }
    const r = await w.commit({
      fingerprintScheme: "semantic-v1",
      providers: Object.fromEntries(names.map((p) => [p, { snapshot: snapshots[p]! }])),
      registry,
      benchmarks,
      events: [],
    });
    return { epochId: r.epochId };
  } finally {
    await w.close();
  }
}
