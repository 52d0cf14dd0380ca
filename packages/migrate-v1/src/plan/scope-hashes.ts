// The structural hashes of a whole-ecosystem lock over one epoch's snapshots: core's scope
// hashes, the same obs-lock computes and obs-check recomputes.
import { modelsInScope, type Snapshot, scopeHashes, WHOLE_SCOPE } from "@observatory/core";

export interface EcosystemHashes {
  registryHash: string;
  modelIdsHash: string;
  /** Sorted "provider/model" keys. */
  models: string[];
}

export function ecosystemHashes(
  snapshots: Readonly<Record<string, Snapshot | null>>,
): EcosystemHashes {
  const models = modelsInScope(snapshots, WHOLE_SCOPE);
  const h = scopeHashes(models);
  return {
    registryHash: h.registry_hash,
    modelIdsHash: h.model_ids_hash,
    models: [...models.keys()],
  };
}
