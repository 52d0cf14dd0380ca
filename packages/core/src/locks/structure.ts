// The structural half of a check: the models in the lock's scope, in its epoch and in the
// checked epoch, by name: added, removed, and changed with field-level diffs. Pure.
import { diffModels } from "../drift/diff.js";
import type { StructureCheck } from "./check-result.js";
import { type ScopedModel, scopeHashes } from "./scope.js";

export interface StructureInput {
  /** The lock's model list ("provider/model", as locked). */
  lockedKeys: readonly string[];
  /** Compare model names (added, removed) and fields (changed); a migrated v1 lock may allow
   * neither or one of them: only what obs-migrate could verify is checked. */
  names?: boolean;
  fields?: boolean;
  /** The locked epoch's records for those models, or null when it cannot be loaded. */
  locked: ReadonlyMap<string, ScopedModel> | null;
  lockRegistryHash: string;
  /** The checked epoch's models in the lock's scope. */
  current: ReadonlyMap<string, ScopedModel>;
}

export function checkStructure(input: StructureInput): StructureCheck {
  const names = input.names ?? true;
  const fields = input.fields ?? true;
  if (!names && !fields) return UNVERIFIABLE_STRUCTURE;
  const lockedSet = new Set(names ? input.lockedKeys : [...(input.locked?.keys() ?? [])]);
  const added = names ? [...input.current.keys()].filter((k) => !lockedSet.has(k)).sort() : [];
  const removed = names ? [...lockedSet].filter((k) => !input.current.has(k)).sort() : [];
  const changed: StructureCheck["changed"] = [];
  const incomparable: string[] = [];
  let unattributed = false;
  if (input.locked && fields) {
    for (const key of [...lockedSet].sort()) {
      const then = input.locked.get(key);
      const now = input.current.get(key);
      if (!then || !now || then.fingerprint === now.fingerprint) continue;
      // A v1-raw (migrated) record against a semantic one: only presence can be compared.
      if (then.scheme !== now.scheme) incomparable.push(key);
      else changed.push({ model: key, changes: diffModels(then.record, now.record) });
    }
  } else if (fields && names && added.length === 0 && removed.length === 0) {
    unattributed = scopeHashes(input.current).registry_hash !== input.lockRegistryHash;
  }
  const any = added.length + removed.length + changed.length > 0 || unattributed;
  return {
    status: any ? "CHANGED" : "UNCHANGED",
    basis: input.locked ? "locked_epoch" : "lock_file",
    added,
    removed,
    changed,
    incomparable,
    unattributed,
  };
}

export const UNVERIFIABLE_STRUCTURE: StructureCheck = {
  status: "UNVERIFIABLE",
  basis: "none",
  added: [],
  removed: [],
  changed: [],
  incomparable: [],
  unattributed: false,
};
