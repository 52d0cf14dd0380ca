// Derives an epoch's routing index from its registry, benchmark store and snapshots. Pure.
import type { BenchmarkStore } from "../bench-store/schema.js";
import type { Registry } from "../registry/schema.js";
import type { Snapshot } from "../state/schemas.js";
import {
  ROUTING_SCHEMA,
  type RoutingIndex,
  type RoutingModels,
  type RoutingProbe,
} from "./schema.js";

/** An epoch's snapshots by provider, as its manifest names them (null: none). */
export type EpochSnapshots = Readonly<Record<string, Snapshot | null>>;

/**
 * The index of a registry, a store and the epoch's snapshots. A caller that hands the index to
 * the writer (EpochDraft.routing) may leave the snapshots out: the writer sets the flags from the
 * snapshots the epoch names (withCapabilities), carried-forward ones included.
 */
export function buildRoutingIndex(
  registry: Registry,
  benchmarks: BenchmarkStore | null,
  snapshots: EpochSnapshots = {},
): RoutingIndex {
  const keys = Object.keys(registry.models).sort();
  const entries = keys.map((key) => registry.models[key]!);
  const providers = [...new Set(entries.map((e) => e.provider))].sort();
  const providerIndex = new Map(providers.map((p, i) => [p, i]));
  const models: Omit<RoutingModels, "capabilities"> = {
    provider: entries.map((e) => providerIndex.get(e.provider)!),
    model_id: entries.map((e) => e.model_id),
    present: entries.map((e) => e.present),
    removed_in: entries.map((e) => e.removed_in),
    context_length: entries.map((e) => e.context_length),
    max_output_tokens: entries.map((e) => e.max_output_tokens),
    cost_class: entries.map((e) => e.cost_class),
    supports_tools: entries.map((e) => e.supports_tools),
    deprecation_date: entries.map((e) => e.deprecation_date),
    expiration_date: entries.map((e) => e.expiration_date),
    reliability: entries.map((e) => e.reliability),
    latency_p50_ms: entries.map((e) => e.latency_p50_ms),
    latency_p95_ms: entries.map((e) => e.latency_p95_ms),
    calls: entries.map((e) => e.history.length),
  };
  const probes: RoutingIndex["probes"] = {};
  for (const key of Object.keys(benchmarks?.models ?? {}).sort()) {
    const picked: Record<string, RoutingProbe> = {};
    const byProbe = benchmarks!.models[key]!;
    for (const probe of Object.keys(byProbe).sort()) {
      const e = byProbe[probe]!;
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
  const flags = capabilityColumn(providers, models, snapshots);
  return {
    schema: ROUTING_SCHEMA,
    providers,
    capability_sets: flags.sets,
    models: { ...models, capabilities: flags.column },
    probes,
  };
}

/** The index with its flags taken from these snapshots (whatever flags it held before). */
export function withCapabilities(index: RoutingIndex, snapshots: EpochSnapshots): RoutingIndex {
  const flags = capabilityColumn(index.providers, index.models, snapshots);
  return {
    ...index,
    capability_sets: flags.sets,
    models: { ...index.models, capabilities: flags.column },
  };
}

/**
 * Each model's flags as its provider's snapshot lists them (a model listed twice: the last
 * listing), as an index into the distinct sets, numbered in order of first use.
 */
function capabilityColumn(
  providers: readonly string[],
  models: Pick<RoutingModels, "provider" | "model_id">,
  snapshots: EpochSnapshots,
): { sets: string[][]; column: (number | null)[] } {
  const listed = new Map<string, Map<string, string[]>>();
  for (const [provider, snap] of Object.entries(snapshots)) {
    const byId = new Map<string, string[]>();
    for (const m of snap?.models ?? []) if (m.capabilities) byId.set(m.id, m.capabilities);
    listed.set(provider, byId);
  }
  const sets: string[][] = [];
  const setIndex = new Map<string, number>();
  const column = models.model_id.map((id, i) => {
    const caps = listed.get(providers[models.provider[i]!]!)?.get(id);
    if (caps === undefined) return null;
    const key = JSON.stringify(caps);
    let s = setIndex.get(key);
    if (s === undefined) {
      s = sets.length;
      sets.push([...caps]);
      setIndex.set(key, s);
    }
    return s;
  });
  return { sets, column };
}
