// The structural hashes of a whole-ecosystem lock over one epoch's snapshots, with v2 semantics:
// per-provider semantic registry hashes and the sorted "provider/model" keys.
// NOTE: obs-lock must compute the same values for scope {providers: null, models: null}; until
// core exports one function for both tools, this file is the definition obs-migrate uses.
import { registryHash, registryKey, type Snapshot, sha256Hex } from "@observatory/core";

export interface ScopeHashes {
  registryHash: string;
  modelIdsHash: string;
  /** Sorted "provider/model" keys. */
  models: string[];
}

export function ecosystemHashes(snapshots: Readonly<Record<string, Snapshot | null>>): ScopeHashes {
  const providers = Object.keys(snapshots).sort();
  const lines: string[] = [];
  const models: string[] = [];
  for (const p of providers) {
    const snap = snapshots[p];
    if (!snap) continue;
    lines.push(`${p}\t${registryHash(p, snap.models)}`);
    for (const m of snap.models) models.push(registryKey(p, m.id));
  }
  const keys = [...new Set(models)].sort();
  return {
    registryHash: sha256Hex(lines.join("\n")),
    modelIdsHash: sha256Hex(keys.join("\n")),
    models: keys,
  };
}
