// The read side: pointer -> manifest -> objects, every hash verified. Never throws on bad state;
// it reports problems and falls back to the newest older epoch that verifies completely.
import { readdir, readFile } from "node:fs/promises";
import { relative } from "node:path";
import { sha256Hex } from "./canonical-json.js";
import { isEpochId } from "./epoch-id.js";
import { epochsDir, manifestPath, objectPath } from "./layout.js";
import { readVerified } from "./objects.js";
import { readPointer } from "./read-pointer.js";
import {
  type Manifest,
  ManifestSchema,
  type Pointer,
  type Snapshot,
  SnapshotSchema,
} from "./schemas.js";

export { type PointerRead, readPointer } from "./read-pointer.js";

export interface StateProblem {
  /** Path relative to the state directory. */
  file: string;
  reason: string;
}

export interface LoadedEpoch {
  epochId: string;
  manifestHash: string;
  manifest: Manifest;
  /** Snapshot per provider; null for a provider in status "error". */
  snapshots: Record<string, Snapshot | null>;
  registry: unknown;
  benchmarks: unknown;
  cooldowns: unknown;
}

export interface ReadResult {
  /** The committed epoch to use, or null when the directory holds none. */
  epoch: LoadedEpoch | null;
  pointer: Pointer | null;
  /** True when the pointer's epoch was unusable and an older verified epoch was taken. */
  fellBack: boolean;
  problems: StateProblem[];
}

type Load =
  | { ok: true; epoch: LoadedEpoch }
  | { ok: false; problems: StateProblem[]; missing: boolean };

/** Reads the committed epoch named by current_epoch.json, falling back as the contract says. */
export async function readCurrentEpoch(stateDir: string): Promise<ReadResult> {
  for (let attempt = 0; ; attempt++) {
    const ptr = await readPointer(stateDir);
    if (ptr.kind === "absent") {
      const r = await fallback(stateDir, null, null, [], true);
      if (r.epoch === null) return { ...r, fellBack: false };
      r.problems.unshift({
        file: "current_epoch.json",
        reason: "missing while committed epochs exist",
      });
      return r;
    }
    if (ptr.kind === "bad") return fallback(stateDir, null, null, [ptr.problem], true);
    const load = await loadEpoch(stateDir, ptr.pointer.epoch_id, ptr.pointer.manifest_hash);
    if (load.ok) return { epoch: load.epoch, pointer: ptr.pointer, fellBack: false, problems: [] };
    // A writer may have committed and pruned between our pointer read and the manifest read.
    if (load.missing && attempt < 5) {
      const again = await readPointer(stateDir);
      if (again.kind === "ok" && again.pointer.epoch_id !== ptr.pointer.epoch_id) continue;
    }
    return fallback(stateDir, ptr.pointer, ptr.pointer.epoch_id, load.problems, true);
  }
}

/**
 * The newest epoch that verifies completely and is known to have been committed. With a readable
 * pointer, every manifest older than the pointer's epoch was committed (recovery renames aborted
 * ones). Without one, only epochs that a later manifest names as its parent are proven committed:
 * the newest manifest may be an aborted commit, so it is never trusted on its own.
 */
async function fallback(
  stateDir: string,
  pointer: Pointer | null,
  before: string | null,
  problems: StateProblem[],
  fellBack: boolean,
): Promise<ReadResult> {
  const ids = await listManifestIds(stateDir);
  const candidates: Array<[string, string | null]> =
    before !== null
      ? ids.filter((id) => id < before).map((id) => [id, null])
      : [...(await provenCommitted(stateDir, ids))];
  for (const [id, hash] of candidates) {
    const load = await loadEpoch(stateDir, id, hash);
    if (load.ok) return { epoch: load.epoch, pointer, fellBack, problems };
    problems.push(...load.problems);
  }
  return { epoch: null, pointer, fellBack, problems };
}

/** Epochs named as a parent by some manifest, with the parent's manifest hash; newest first. */
export async function provenCommitted(
  stateDir: string,
  ids: string[],
): Promise<Map<string, string>> {
  const parents = new Map<string, string>();
  for (const id of ids) {
    try {
      const m = ManifestSchema.safeParse(
        JSON.parse(await readFile(manifestPath(stateDir, id), "utf8")),
      );
      if (m.success && m.data.parent)
        parents.set(m.data.parent.epoch_id, m.data.parent.manifest_hash);
    } catch {
      // An unreadable manifest proves nothing about its parent.
    }
  }
  return new Map([...parents].sort((a, b) => (a[0] < b[0] ? 1 : -1)));
}

/** Ids of all manifests in epochs/, newest first. */
export async function listManifestIds(stateDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(epochsDir(stateDir));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(".json") && isEpochId(n.slice(0, -5)))
    .map((n) => n.slice(0, -5))
    .sort()
    .reverse();
}

/** Loads one epoch and verifies the manifest (against `expectedHash` when given) and every object. */
export async function loadEpoch(
  stateDir: string,
  epochId: string,
  expectedHash: string | null,
): Promise<Load> {
  const rel = (p: string) => relative(stateDir, p);
  const mPath = manifestPath(stateDir, epochId);
  let buf: Buffer;
  try {
    buf = await readFile(mPath);
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
    return {
      ok: false,
      missing,
      problems: [{ file: rel(mPath), reason: missing ? "missing" : "unreadable" }],
    };
  }
  const manifestHash = sha256Hex(buf);
  if (expectedHash !== null && manifestHash !== expectedHash) {
    return {
      ok: false,
      missing: false,
      problems: [{ file: rel(mPath), reason: "hash does not match the pointer" }],
    };
  }
  let manifest: Manifest;
  try {
    const r = ManifestSchema.safeParse(JSON.parse(buf.toString("utf8")));
    if (!r.success || r.data.epoch_id !== epochId) {
      return {
        ok: false,
        missing: false,
        problems: [{ file: rel(mPath), reason: "does not match the manifest schema" }],
      };
    }
    manifest = r.data;
  } catch {
    return {
      ok: false,
      missing: false,
      problems: [{ file: rel(mPath), reason: "not valid JSON" }],
    };
  }

  const problems: StateProblem[] = [];
  let missing = false;
  const cache = new Map<string, unknown>();
  const get = async (hash: string): Promise<unknown> => {
    if (cache.has(hash)) return cache.get(hash);
    const r = await readVerified(objectPath(stateDir, hash), hash);
    if (!r.ok) {
      missing ||= r.missing;
      problems.push({ file: rel(objectPath(stateDir, hash)), reason: r.reason });
      cache.set(hash, undefined);
      return undefined;
    }
    cache.set(hash, r.value);
    return r.value;
  };

  const snapshots: Record<string, Snapshot | null> = {};
  for (const [provider, entry] of Object.entries(manifest.providers)) {
    if (entry.snapshot === null) {
      snapshots[provider] = null;
      continue;
    }
    const value = await get(entry.snapshot);
    if (value === undefined) continue;
    const r = SnapshotSchema.safeParse(value);
    if (r.success) snapshots[provider] = r.data;
    else
      problems.push({
        file: rel(objectPath(stateDir, entry.snapshot)),
        reason: "does not match the snapshot schema",
      });
  }
  const registry = manifest.registry === null ? null : await get(manifest.registry);
  const benchmarks = manifest.benchmarks === null ? null : await get(manifest.benchmarks);
  const cooldowns = manifest.cooldowns === null ? null : await get(manifest.cooldowns);
  // Read to verify it: an epoch is usable only when every object it names is intact.
  if (manifest.routing) await get(manifest.routing);
  if (problems.length > 0) return { ok: false, missing, problems };
  return {
    ok: true,
    epoch: { epochId, manifestHash, manifest, snapshots, registry, benchmarks, cooldowns },
  };
}
