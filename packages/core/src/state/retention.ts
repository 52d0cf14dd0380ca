// Retention: keep the newest N committed epochs and every epoch an experiment lock references;
// remove other manifests and every object no kept manifest references. When in doubt (a lock
// or a kept manifest that cannot be read) it keeps more, never less.
import { readdir, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import { type Fence, fsyncDir, isTempFile } from "./atomic-write.js";
import { ABORTED_SUFFIX, epochsDir, locksDir, manifestPath, objectsDir } from "./layout.js";
import { listManifestIds, readPointer } from "./read-epoch.js";
import { type Manifest, ManifestSchema } from "./schemas.js";

export const DEFAULT_RETAIN_EPOCHS = 10;

export interface PruneReport {
  removedEpochs: string[];
  removedObjects: number;
  /** Why object collection was skipped, if it was. */
  skipped?: string;
}

/** Epoch ids referenced by experiment locks (locks/*.json, field `epoch_id`); null if unsure. */
export async function lockedEpochIds(stateDir: string): Promise<Set<string> | null> {
  let names: string[];
  try {
    names = await readdir(locksDir(stateDir));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return new Set();
    return null;
  }
  const ids = new Set<string>();
  for (const name of names) {
    if (!name.endsWith(".json") || isTempFile(name)) continue;
    try {
      const lock = JSON.parse(await readFile(join(locksDir(stateDir), name), "utf8")) as {
        epoch_id?: unknown;
      };
      if (typeof lock.epoch_id === "string") ids.add(lock.epoch_id);
    } catch {
      // An unreadable lock might reference any epoch: prune nothing rather than guess.
      return null;
    }
  }
  return ids;
}

async function readManifest(stateDir: string, id: string): Promise<Manifest | null> {
  try {
    const r = ManifestSchema.safeParse(
      JSON.parse(await readFile(manifestPath(stateDir, id), "utf8")),
    );
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export async function pruneEpochs(
  stateDir: string,
  current: Manifest,
  keep: number = DEFAULT_RETAIN_EPOCHS,
  fence: Fence = async () => undefined,
): Promise<PruneReport> {
  const report: PruneReport = { removedEpochs: [], removedObjects: 0 };
  // Prune only from the epoch the pointer names: a writer whose view is older (it lost its lock)
  // would judge the newer epochs unreferenced.
  await fence();
  const ptr = await readPointer(stateDir);
  if (ptr.kind !== "ok" || ptr.pointer.epoch_id !== current.epoch_id)
    return { ...report, skipped: "the pointer no longer names this epoch" };
  const locked = await lockedEpochIds(stateDir);
  if (locked === null) return { ...report, skipped: "an experiment lock could not be read" };

  // The newest `keep` epochs of the committed chain, following parent links.
  const kept = new Map<string, Manifest>([[current.epoch_id, current]]);
  let m: Manifest | null = current;
  while (m?.parent && kept.size < keep) {
    const parentId: string = m.parent.epoch_id;
    m = await readManifest(stateDir, parentId);
    if (!m) return { ...report, skipped: `epoch ${parentId} in the chain cannot be read` };
    kept.set(m.epoch_id, m);
  }
  for (const id of locked) {
    if (kept.has(id)) continue;
    const lm = await readManifest(stateDir, id);
    if (lm) kept.set(id, lm);
  }

  for (const id of await listManifestIds(stateDir)) {
    if (kept.has(id) || locked.has(id) || id > current.epoch_id) continue;
    await fence();
    await unlink(manifestPath(stateDir, id)).catch(() => undefined);
    report.removedEpochs.push(id);
  }
  const epochNames = await readdir(epochsDir(stateDir)).catch(() => [] as string[]);
  for (const name of epochNames) {
    if (!name.endsWith(ABORTED_SUFFIX)) continue;
    await fence();
    await unlink(join(epochsDir(stateDir), name)).catch(() => undefined);
  }

  const referenced = new Set<string>();
  for (const km of kept.values()) {
    for (const p of Object.values(km.providers)) if (p.snapshot) referenced.add(p.snapshot);
    if (km.registry) referenced.add(km.registry);
    if (km.benchmarks) referenced.add(km.benchmarks);
    if (km.cooldowns) referenced.add(km.cooldowns);
    if (km.routing) referenced.add(km.routing);
    // The history's head; its sealed segments live in history/, which retention never touches.
    if (km.history) referenced.add(km.history);
  }
  for (const id of locked) {
    // A locked epoch whose manifest is gone or unreadable: its objects are unknown, keep them all.
    if (!kept.has(id)) return { ...report, skipped: `locked epoch ${id} has no readable manifest` };
  }
  const objectNames = await readdir(objectsDir(stateDir)).catch(() => [] as string[]);
  for (const name of objectNames) {
    const hash = name.endsWith(".json") ? name.slice(0, -5) : null;
    if (hash === null || !/^[0-9a-f]{64}$/.test(hash) || referenced.has(hash)) continue;
    await fence();
    await unlink(join(objectsDir(stateDir), name)).catch(() => undefined);
    report.removedObjects++;
  }
  if (report.removedEpochs.length > 0) await fsyncDir(epochsDir(stateDir)).catch(() => undefined);
  if (report.removedObjects > 0) await fsyncDir(objectsDir(stateDir)).catch(() => undefined);
  return report;
}
