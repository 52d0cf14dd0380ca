// The migration plan: everything obs-migrate will do, derived purely from a v1 tree. --dry-run
// prints it; a real run derives it from the verified backup, so a resumed run plans the same.
import type { BenchmarkStore, ProviderError, Registry, Snapshot } from "@observatory/core";
import { type V1StructuralHashes, v1StructuralHashes } from "../v1/legacy-hashes.js";
import type { CorruptFile, V1Tree } from "../v1/read-tree.js";
import { type BenchmarkStats, migrateBenchmarks } from "./benchmarks.js";
import { epoch0Providers, type ProviderPlan } from "./epoch0.js";
import { type LockPlan, planLocks } from "./locks.js";
import { migrateRegistry, type RegistryStats } from "./registry.js";

export interface MigrationPlan {
  tree: V1Tree;
  providers: ProviderPlan[];
  providerErrors: Record<string, ProviderError>;
  /** v1 files that cannot be carried for a reason other than corruption. */
  skipped: CorruptFile[];
  locks: LockPlan[];
  v1Hashes: V1StructuralHashes;
  benchmarks: { store: BenchmarkStore; stats: BenchmarkStats } | null;
  /** Registry stats computed with a placeholder epoch (the counts do not depend on it). */
  registryStats: RegistryStats | null;
}

export function planMigration(tree: V1Tree): MigrationPlan {
  const { providers, errors, duplicates } = epoch0Providers(tree);
  const v1Hashes = v1StructuralHashes(tree.rawSnapshots);
  const locks = planLocks(tree.locks, v1Hashes);
  const plan: MigrationPlan = {
    tree,
    providers,
    providerErrors: errors,
    skipped: [
      ...duplicates,
      ...locks.filter((l) => l.invalid !== null).map((l) => ({ file: l.file, reason: l.invalid! })),
    ],
    locks,
    v1Hashes,
    benchmarks: tree.benchmarks ? migrateBenchmarks(tree.benchmarks.data) : null,
    registryStats: null,
  };
  plan.registryStats = epochRegistry(plan, "epoch-0")?.stats ?? null;
  return plan;
}

/** "provider/model" keys listed in epoch 0. */
export function listedKeys(plan: MigrationPlan): Set<string> {
  return new Set(
    plan.providers.flatMap((p) => p.snapshot.models.map((m) => `${p.provider}/${m.id}`)),
  );
}

/** The registry object for epoch `epochId`; null when v1 had none and nothing is listed. */
export function epochRegistry(
  plan: MigrationPlan,
  epochId: string,
): { registry: Registry; stats: RegistryStats } | null {
  const listed = listedKeys(plan);
  const reg = plan.tree.registry;
  if (!reg && listed.size === 0) return null;
  return migrateRegistry(reg?.entries ?? [], reg?.skipped ?? 0, listed, epochId);
}

/** Epoch 0's snapshots by provider, as the lock builder and the writer need them. */
export function epochSnapshots(plan: MigrationPlan): Record<string, Snapshot | null> {
  const out: Record<string, Snapshot | null> = {};
  for (const p of plan.providers) out[p.provider] = p.snapshot;
  for (const name of Object.keys(plan.providerErrors)) out[name] = null;
  return out;
}
