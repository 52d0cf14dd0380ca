// Which models of an epoch a lock covers, and the two hashes that pin them. obs-lock computes
// them when it locks; obs-check and obs-migrate recompute them, so all three share this code.
import { FINGERPRINT_SCHEME, modelFingerprint } from "../drift/fingerprint.js";
import type { ModelRecord } from "../model.js";
import { registryKey } from "../registry/schema.js";
import { sha256Hex } from "../state/canonical-json.js";
import type { Snapshot } from "../state/schemas.js";
import type { LockScope } from "./schema.js";

export interface ScopedModel {
  provider: string;
  id: string;
  record: ModelRecord;
  /** The fingerprint scheme of the snapshot the record came from. */
  scheme: string;
  /** Semantic fingerprint (FINGERPRINT_SCHEME) of the record. */
  fingerprint: string;
}

/** The whole ecosystem: every provider, every model. */
export const WHOLE_SCOPE: LockScope = { providers: null, models: null };

/**
 * The models of an epoch's snapshots inside `scope`, keyed "provider/model" and sorted by key.
 * A model is in scope when its provider is in `scope.providers` (or that is null) and its key is
 * in `scope.models` (or that is null). A listing that repeats an id keeps the record with the
 * smallest fingerprint, so the result never depends on list order.
 */
export function modelsInScope(
  snapshots: Readonly<Record<string, Snapshot | null>>,
  scope: LockScope,
): Map<string, ScopedModel> {
  const providers = scope.providers ? new Set(scope.providers) : null;
  const keys = scope.models ? new Set(scope.models) : null;
  const out = new Map<string, ScopedModel>();
  for (const [provider, snapshot] of Object.entries(snapshots)) {
    if (snapshot === null || (providers && !providers.has(provider))) continue;
    for (const record of snapshot.models) {
      const key = registryKey(provider, record.id);
      if (keys && !keys.has(key)) continue;
      const fingerprint = modelFingerprint(record);
      const seen = out.get(key);
      if (seen && seen.fingerprint <= fingerprint) continue;
      out.set(key, {
        provider,
        id: record.id,
        record,
        scheme: snapshot.fingerprint_scheme,
        fingerprint,
      });
    }
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface ScopeHashes {
  /** Semantic registry hash over the models in scope: order-free, fingerprint based. */
  registry_hash: string;
  /** Hash of the sorted "provider/model" keys in scope. */
  model_ids_hash: string;
}

export function scopeHashes(models: ReadonlyMap<string, ScopedModel>): ScopeHashes {
  const keys = [...models.keys()].sort();
  const lines = keys.map((k) => `${k}\t${models.get(k)!.fingerprint}`);
  return {
    registry_hash: sha256Hex([FINGERPRINT_SCHEME, ...lines].join("\n")),
    model_ids_hash: sha256Hex(keys.join("\n")),
  };
}
