// The routing index an epoch gets: derived at commit from the epoch's registry, benchmark store
// and snapshots, so every writer (obs-poll, obs-bench, obs-migrate) produces one without knowing
// of it. The writer itself stays schema-agnostic: values that are not a registry (or a store)
// simply give no index, and readers then fall back to the registry.
import { BenchmarkStoreSchema } from "../bench-store/schema.js";
import { RegistrySchema } from "../registry/schema.js";
import { buildRoutingIndex, type EpochSnapshots, withCapabilities } from "../routing/build.js";
import type { RoutingIndex } from "../routing/schema.js";
import type { Manifest } from "./schemas.js";

export type RoutingDerivation =
  | { kind: "carry"; hash: string | null }
  | { kind: "build"; index: RoutingIndex | null };

export interface RoutingInputs {
  /** The index the caller built from the registry and store it holds typed (EpochDraft.routing):
   * it spares a validation pass over both. Its flags are set here from the epoch's snapshots. */
  given: RoutingIndex | null | undefined;
  /** The draft brings a registry or a store (or there is no previous epoch). */
  changed: boolean;
  previous: Pick<Manifest, "routing" | "providers"> | null;
  /** The new epoch's providers and the snapshots they name. */
  providers: Manifest["providers"];
  snapshots: EpochSnapshots;
  registry: unknown;
  benchmarks: unknown;
}

export function deriveRouting(r: RoutingInputs): RoutingDerivation {
  if (r.given !== undefined) {
    return { kind: "build", index: r.given && withCapabilities(r.given, r.snapshots) };
  }
  // The index carries the snapshots' flags, so a new snapshot is a change too.
  if (!r.changed && r.previous !== null && sameSnapshots(r.previous.providers, r.providers)) {
    return { kind: "carry", hash: r.previous.routing ?? null };
  }
  if (r.registry === null) return { kind: "build", index: null };
  const reg = RegistrySchema.safeParse(r.registry);
  const store = r.benchmarks === null ? null : BenchmarkStoreSchema.safeParse(r.benchmarks);
  if (!reg.success || (store !== null && !store.success)) return { kind: "build", index: null };
  return {
    kind: "build",
    index: buildRoutingIndex(reg.data, store?.data ?? null, r.snapshots),
  };
}

function sameSnapshots(a: Manifest["providers"], b: Manifest["providers"]): boolean {
  const names = Object.keys(b);
  return (
    names.length === Object.keys(a).length &&
    names.every((p) => a[p] !== undefined && a[p].snapshot === b[p]!.snapshot)
  );
}
