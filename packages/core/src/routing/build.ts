// Derives an epoch's routing index from its registry and benchmark store. Pure.
import type { BenchmarkStore } from "../bench-store/schema.js";
import type { Registry } from "../registry/schema.js";
import {
  ROUTING_COLUMNS,
  type RoutingIndex,
  type RoutingProbe,
  type RoutingRow,
} from "./schema.js";

export function buildRoutingIndex(
  registry: Registry,
  benchmarks: BenchmarkStore | null,
): RoutingIndex {
  const models: RoutingRow[] = Object.keys(registry.models)
    .sort()
    .map((key) => {
      const e = registry.models[key]!;
      return [
        e.provider,
        e.model_id,
        e.present,
        e.removed_in,
        e.context_length,
        e.max_output_tokens,
        e.cost_class,
        e.supports_tools,
        e.deprecation_date,
        e.expiration_date,
        e.reliability,
        e.latency_p50_ms,
        e.latency_p95_ms,
        e.history.length,
      ];
    });
  const probes: RoutingIndex["probes"] = {};
  for (const key of Object.keys(benchmarks?.models ?? {}).sort()) {
    const picked: Record<string, RoutingProbe> = {};
    const entries = benchmarks!.models[key]!;
    for (const probe of Object.keys(entries).sort()) {
      const e = entries[probe]!;
      const notable =
        e.drift !== null || e.last_verdict === "DRIFT" || e.last_verdict === "CANDIDATE";
      if (!notable) continue;
      picked[probe] = {
        last_verdict: e.last_verdict,
        streak: e.state.streak,
        observed_in: e.observed_in,
        baseline_since: e.baseline_since,
        drift: e.drift,
      };
    }
    if (Object.keys(picked).length > 0) probes[key] = picked;
  }
  return { schema: "observatory.routing/1", columns: [...ROUTING_COLUMNS], models, probes };
}
