// One lock against one epoch: structure (by name, with field diffs) and behaviour (per pinned
// baseline). VIOLATED only on a structural change in scope or a confirmed drift. Pure: the
// caller loads the epochs. In core so obs-check and the dashboard share one verdict.
import { BenchmarkStoreSchema } from "../bench-store/schema.js";
import { formatFieldChange } from "../drift/diff.js";
import type { LoadedEpoch } from "../state/read-epoch.js";
import { checkBehaviour } from "./behaviour.js";
import type {
  LockCheck,
  PairCheck,
  PairStatus,
  StructureCheck,
  Violation,
} from "./check-result.js";
import type { LockFile } from "./files.js";
import type { Lock } from "./schema.js";
import { modelsInScope, scopeHashes } from "./scope.js";
import { checkStructure, UNVERIFIABLE_STRUCTURE } from "./structure.js";

/** The locked epoch as loaded and verified against the lock's manifest hash, or why not. */
export type LockedEpoch = { ok: true; epoch: LoadedEpoch } | { ok: false; reason: string };

export function checkLock(
  file: Extract<LockFile, { kind: "v2" | "v1" }>,
  locked: LockedEpoch | null,
  checked: LoadedEpoch,
): LockCheck {
  if (file.kind === "v1") return checkV1(file.name, checked);
  const lock = file.lock;
  const warnings: string[] = [];
  const current = modelsInScope(checked.snapshots, lock.scope);
  // A migrated v1 lock pins only what obs-migrate could verify; the rest is reported, not guessed.
  const names = file.migrated?.model_ids !== "unverifiable";
  const fields = file.migrated?.registry !== "unverifiable";
  if (!names)
    warnings.push(
      "the v1 lock's model list could not be verified when it was migrated: additions and removals are not checked",
    );
  if (!fields)
    warnings.push(
      "the v1 lock's registry hash could not be verified when it was migrated: metadata changes are not checked",
    );
  let lockedModels = null;
  if (locked?.ok) {
    // obs-migrate keeps unverifiable v1 hashes verbatim: only the verified parts are self-checked.
    const h = scopeHashes(modelsInScope(locked.epoch.snapshots, lock.scope));
    if (
      (fields && h.registry_hash !== lock.registry_hash) ||
      (names && h.model_ids_hash !== lock.model_ids_hash)
    )
      warnings.push(
        "the lock's hashes do not match its own epoch (was the file edited?); compared with the epoch",
      );
    lockedModels = modelsInScope(
      locked.epoch.snapshots,
      names ? { providers: null, models: lock.models } : lock.scope,
    );
  } else {
    warnings.push(
      `locked epoch ${lock.epoch_id} cannot be verified (${locked?.reason ?? "not loaded"}); ` +
        "compared by model names and hashes only, without field diffs",
    );
  }
  const structure = checkStructure({
    lockedKeys: lock.models,
    locked: lockedModels,
    lockRegistryHash: lock.registry_hash,
    current,
    names,
    fields,
  });
  if (structure.incomparable.length > 0)
    warnings.push(
      `${structure.incomparable.length} models were locked under another fingerprint scheme; ` +
        "their presence is checked, their fields are not",
    );
  warnings.push(...providerNotes(lock, checked));
  if (checked.epochId < lock.epoch_id)
    warnings.push(`the checked epoch ${checked.epochId} is older than the lock's epoch`);

  const store = checked.benchmarks ? BenchmarkStoreSchema.safeParse(checked.benchmarks) : null;
  const pairs =
    lock.behavior === "LOCKED"
      ? checkBehaviour({
          baselines: lock.baselines,
          lockedEpochId: lock.epoch_id,
          checkedEpochId: checked.epochId,
          store: store?.success ? store.data : null,
        })
      : [];
  if (lock.behavior === "UNLOCKED_BEHAVIORAL")
    warnings.push(
      `UNLOCKED_BEHAVIORAL: this lock holds no canonical baselines (migrated from a v1 lock with response hashes); re-lock to pin behaviour: obs-lock ${lock.name} --force --benchmark-before-lock`,
    );
  const counts = countPairs(pairs);
  if (counts.MISSING > 0)
    warnings.push(
      `${counts.MISSING} locked baseline${counts.MISSING === 1 ? "" : "s"} without a current observation (BENCHMARK_MISSING)`,
    );

  const violations = structuralViolations(structure);
  for (const p of pairs)
    if (p.status === "DRIFT")
      violations.push({ kind: "BEHAVIOR_DRIFT", detail: `${p.model} ${p.probe}: ${p.detail}` });
  const nothingPinned = structure.status === "UNVERIFIABLE" && lock.behavior !== "LOCKED";
  return {
    lock: lock.name,
    format: "observatory.lock/2",
    status: violations.length > 0 ? "VIOLATED" : nothingPinned ? "UNVERIFIED" : "CLEAN",
    locked_epoch_id: lock.epoch_id,
    checked_epoch_id: checked.epochId,
    behavior: lock.behavior,
    structure,
    pairs,
    counts,
    violations,
    warnings,
  };
}

function checkV1(name: string, checked: LoadedEpoch): LockCheck {
  return {
    lock: name,
    format: "v1",
    status: "UNVERIFIED",
    locked_epoch_id: null,
    checked_epoch_id: checked.epochId,
    behavior: "UNLOCKED_BEHAVIORAL",
    structure: UNVERIFIABLE_STRUCTURE,
    pairs: [],
    counts: countPairs([]),
    violations: [],
    warnings: [
      "UNLOCKED_BEHAVIORAL: a v1 lockfile pins response hashes, which cannot become canonical baselines",
      "its registry hashes hash raw v1 payloads and it names no epoch, so its structure cannot be verified either",
      `upgrade the state directory with obs-migrate, then re-lock: obs-lock ${name} --force --benchmark-before-lock`,
    ],
  };
}

function structuralViolations(s: StructureCheck): Violation[] {
  const out: Violation[] = [];
  for (const m of s.added) out.push({ kind: "MODEL_ADDED", detail: `${m} added` });
  for (const m of s.removed) out.push({ kind: "MODEL_REMOVED", detail: `${m} no longer listed` });
  for (const c of s.changed)
    out.push({
      kind: "METADATA_CHANGED",
      detail: `${c.model}: ${c.changes.map(formatFieldChange).join(", ")}`,
    });
  if (s.unattributed)
    out.push({ kind: "REGISTRY_CHANGED", detail: "metadata of models in scope changed" });
  return out;
}

/** Providers in scope whose listing in the checked epoch is not fresh: say so, never guess. */
function providerNotes(lock: Lock, checked: LoadedEpoch): string[] {
  const inScope = new Set(
    lock.scope.providers ?? lock.models.map((m) => m.slice(0, m.indexOf("/"))),
  );
  const notes: string[] = [];
  for (const [name, entry] of Object.entries(checked.manifest.providers)) {
    if (!inScope.has(name)) continue;
    if (entry.status === "carried_forward" && entry.error)
      notes.push(
        `${name}: the last poll failed (${entry.error.code}); its models are as listed in ${entry.from_epoch}`,
      );
    if (entry.status === "error") notes.push(`${name}: never listed successfully`);
  }
  return notes;
}

export function countPairs(pairs: readonly PairCheck[]): Record<PairStatus, number> {
  const counts: Record<PairStatus, number> = { MATCH: 0, VARIANT: 0, DRIFT: 0, MISSING: 0 };
  for (const p of pairs) counts[p.status]++;
  return counts;
}
