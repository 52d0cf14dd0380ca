// The routing index an epoch gets: derived at commit from the epoch's registry and benchmark
// store, so every writer (obs-poll, obs-bench, obs-migrate) produces one without knowing of it.
// The writer itself stays schema-agnostic: values that are not a registry (or a store) simply
// give no index, and readers then fall back to the registry.
import { BenchmarkStoreSchema } from "../bench-store/schema.js";
import { RegistrySchema } from "../registry/schema.js";
import { buildRoutingIndex } from "../routing/build.js";
import type { RoutingIndex } from "../routing/schema.js";

export type RoutingDerivation =
  | { kind: "carry"; hash: string | null }
  | { kind: "build"; index: RoutingIndex | null };

export function deriveRouting(
  changed: boolean,
  previousHash: string | null,
  registry: unknown,
  benchmarks: unknown,
): RoutingDerivation {
  if (!changed) return { kind: "carry", hash: previousHash };
  if (registry === null) return { kind: "build", index: null };
  const reg = RegistrySchema.safeParse(registry);
  const store = benchmarks === null ? null : BenchmarkStoreSchema.safeParse(benchmarks);
  if (!reg.success || (store !== null && !store.success)) return { kind: "build", index: null };
  return { kind: "build", index: buildRoutingIndex(reg.data, store?.data ?? null) };
}
