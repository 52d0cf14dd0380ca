// Epoch 0's provider snapshots from v1 snapshots. A v1 snapshot holds model ids and the sha256 of
// each model's raw payload entry, not the payload: so each record is the id alone, the snapshot is
// marked with the legacy fingerprint scheme, and the v1 hashes ride along as legacy_fingerprints.
// Ids are all a rebaseline needs: the first v2 poll sees the scheme change, emits one
// MIGRATION_REBASELINE and still reports real additions and removals by id.
import {
  LEGACY_FINGERPRINT_SCHEME,
  type ProviderError,
  type Snapshot,
  SnapshotSchema,
} from "@observatory/core";
import { byCodePoint } from "../v1/legacy-hashes.js";
import { type CorruptFile, SNAPSHOT_SUFFIX, type V1Tree } from "../v1/read-tree.js";

export interface ProviderPlan {
  provider: string;
  /** The v1 file it came from. */
  file: string;
  snapshot: Snapshot;
}

export interface Epoch0Providers {
  providers: ProviderPlan[];
  /** Providers whose v1 snapshot was corrupt: epoch 0 records them as `error`, visibly. */
  errors: Record<string, ProviderError>;
  /** A second file claiming a provider already taken. */
  duplicates: CorruptFile[];
}

export function epoch0Providers(tree: V1Tree): Epoch0Providers {
  const providers: ProviderPlan[] = [];
  const duplicates: CorruptFile[] = [];
  const taken = new Map<string, string>();
  for (const { file, provider, snapshot } of tree.snapshots) {
    const first = taken.get(provider);
    if (first !== undefined) {
      duplicates.push({ file, reason: `provider "${provider}" already migrated from ${first}` });
      continue;
    }
    taken.set(provider, file);
    const ids = Object.keys(snapshot.models)
      .filter((id) => id.trim() !== "")
      .sort(byCodePoint);
    const v2: Snapshot = {
      schema: "observatory.snapshot/1",
      provider,
      fingerprint_scheme: LEGACY_FINGERPRINT_SCHEME,
      models: ids.map((id) => ({ id })),
      legacy_fingerprints: Object.fromEntries(ids.map((id) => [id, snapshot.models[id]!])),
    };
    providers.push({ provider, file, snapshot: SnapshotSchema.parse(v2) });
  }
  const errors: Record<string, ProviderError> = {};
  for (const c of tree.corrupt) {
    if (!c.file.endsWith(SNAPSHOT_SUFFIX)) continue;
    const provider = c.file.slice(0, -SNAPSHOT_SUFFIX.length);
    if (taken.has(provider)) continue;
    errors[provider] = {
      code: "V1_SNAPSHOT_CORRUPT",
      message: `v1 snapshot ${c.file}: ${c.reason} (quarantined); the provider starts afresh at its next poll`,
    };
  }
  return { providers, errors, duplicates };
}
