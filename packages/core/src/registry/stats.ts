// Window statistics. Percentiles use the nearest-rank method: index ceil(p * n) - 1 of the sorted
// values, so p95 of 20 values is the 19th, not the maximum (the v1 off-by-one).
import type { Observation } from "./schema.js";

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[idx] ?? null;
}

export interface WindowStats {
  reliability: number | null;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
}

/** Rate-limited calls say nothing about the model's health, so they count neither way. */
export function windowStats(history: readonly Observation[]): WindowStats {
  const counted = history.filter((h) => h.outcome !== "rate_limited");
  const ok = counted.filter((h) => h.outcome === "ok");
  const latencies = ok
    .map((h) => h.latency_ms)
    .filter((l): l is number => l !== null)
    .sort((a, b) => a - b);
  return {
    reliability:
      counted.length === 0 ? null : Math.round((ok.length / counted.length) * 10_000) / 10_000,
    latency_p50_ms: percentile(latencies, 0.5),
    latency_p95_ms: percentile(latencies, 0.95),
  };
}
