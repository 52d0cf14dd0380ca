// v1 experiment locks -> v2 locks on epoch 0. Behaviour cannot be carried (v1 pinned response
// hashes, never values): every migrated lock is UNLOCKED_BEHAVIORAL with no baselines until it is
// re-locked. Structure is re-anchored on epoch 0 only where v1's own hashes, recomputed from the
// v1 snapshots, prove the lock described exactly that world. An unverifiable part keeps the v1
// hash verbatim: it matches no v2 hash, so a check reports the change a v1 check would have
// reported, instead of quietly blessing a world the lock never saw.
import {
  LOCK_NAME_PATTERN,
  type Lock,
  LockSchema,
  type Snapshot,
  WHOLE_SCOPE,
} from "@observatory/core";
import type { V1Lock } from "../v1/formats.js";
import type { V1StructuralHashes } from "../v1/legacy-hashes.js";
import { ecosystemHashes } from "./scope-hashes.js";

export type Verification = "verified" | "unverifiable";

export interface LockPlan {
  /** The v2 lock name: the v1 file name without .lock.json (how v1 looked locks up). */
  name: string;
  file: string;
  /** Why the lock cannot be migrated (its name is not a valid v2 lock name); null if it can. */
  invalid: string | null;
  modelIds: Verification;
  registry: Verification;
  v1: V1Lock;
}

export function planLocks(
  locks: ReadonlyArray<{ file: string; lock: V1Lock }>,
  now: V1StructuralHashes,
): LockPlan[] {
  return locks.map(({ file, lock }) => {
    const name = file.slice(file.lastIndexOf("/") + 1, -".lock.json".length);
    return {
      name,
      file,
      invalid: LOCK_NAME_PATTERN.test(name)
        ? null
        : "the name is not a valid v2 lock name (letters, digits, '.', '_' and '-')",
      modelIds: lock.model_ids_hash === now.modelIds ? "verified" : "unverifiable",
      registry: lock.provider_registry_hash === now.registry ? "verified" : "unverifiable",
      v1: lock,
    };
  });
}

export interface Epoch0Ref {
  epochId: string;
  manifestHash: string;
  snapshots: Readonly<Record<string, Snapshot | null>>;
}

/** The v2 lock file for a planned lock; `createdAt` is the migration's start, so a resumed run
 * writes the same bytes. */
export function buildLock(plan: LockPlan, epoch: Epoch0Ref, createdAt: string): Lock {
  const v2 = ecosystemHashes(epoch.snapshots);
  const lock = {
    schema: "observatory.lock/2",
    name: plan.name,
    created_at: createdAt,
    notes: plan.v1.notes ?? "",
    epoch_id: epoch.epochId,
    manifest_hash: epoch.manifestHash,
    scope: WHOLE_SCOPE,
    registry_hash: plan.registry === "verified" ? v2.registryHash : plan.v1.provider_registry_hash,
    model_ids_hash: plan.modelIds === "verified" ? v2.modelIdsHash : plan.v1.model_ids_hash,
    models: plan.modelIds === "verified" ? v2.models : [],
    behavior: "UNLOCKED_BEHAVIORAL",
    baselines: {},
    benchmark_epoch: null,
    coverage: { models: 0, probes: 0, pairs: 0 },
    benchmark_stale: false,
    migrated_from: {
      v1_file: plan.file,
      v1_created_at: plan.v1.created_at ?? null,
      // Not (yet) in core's LockSchema, which strips it on parse; kept in the file for obs-check.
      structural: { model_ids: plan.modelIds, registry: plan.registry },
    },
  };
  LockSchema.parse(lock);
  return lock as Lock;
}
