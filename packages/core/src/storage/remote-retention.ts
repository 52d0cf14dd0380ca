// Retention in a bucket, as retention.ts does in a directory: keep the newest N epochs of the
// committed chain and every epoch an experiment lock names (the bucket's locks, listed now, not
// the mirror's copy); delete older manifests, and objects no kept manifest names once they have
// gone unmodified for a grace period. History segments are never deleted.
//
// Safe against a concurrent writer: it runs right after this writer's pointer swap, so a writer
// that started before it can no longer commit (its If-Match fails), and one that started after it
// builds on the epoch just committed (kept) with an id newer than it (skipped). Objects such a
// writer uploads are younger than the grace period, and one it found already in the bucket it
// rewrote if that object was older than half of it (remote-state.ts upload()).

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256Hex } from "../state/canonical-json.js";
import { isEpochId } from "../state/epoch-id.js";
import type { PruneReport } from "../state/retention.js";
import type { Manifest } from "../state/schemas.js";
import type { ObjectStore } from "./object-store.js";
import { GC_GRACE_MS, manifestObjects } from "./remote-state.js";

export async function pruneRemote(
  store: ObjectStore,
  mirror: string,
  current: Manifest,
  keep: number,
  now: Date,
  graceMs: number = GC_GRACE_MS,
): Promise<PruneReport> {
  const report: PruneReport = { removedEpochs: [], removedObjects: 0 };
  const manifests = new Map<string, Manifest>();
  const read = async (id: string, hash?: string): Promise<Manifest | null> => {
    const have = manifests.get(id);
    if (have) return have;
    const local = await readFile(join(mirror, "epochs", `${id}.json`)).catch(() => null);
    const bytes =
      local !== null && (hash === undefined || sha256Hex(local) === hash)
        ? local
        : ((await store.get(`epochs/${id}.json`))?.body ?? null);
    if (bytes === null || (hash !== undefined && sha256Hex(bytes) !== hash)) return null;
    const m = JSON.parse(bytes.toString("utf8")) as Manifest;
    manifests.set(id, m);
    return m;
  };

  // Locks as the bucket holds them now: one made on another host since this run's pull counts.
  const locked = new Set<string>();
  for (const o of await store.list("locks/")) {
    if (!o.key.endsWith(".json")) continue;
    const got = await store.get(o.key);
    try {
      const lock = JSON.parse(got?.body.toString("utf8") ?? "null") as { epoch_id?: unknown };
      if (typeof lock?.epoch_id === "string") locked.add(lock.epoch_id);
    } catch {
      return { ...report, skipped: `the experiment lock ${o.key} could not be read` };
    }
  }

  const kept = new Map<string, Manifest>([[current.epoch_id, current]]);
  let m: Manifest | null = current;
  while (m?.parent && kept.size < keep) {
    const parent: { epoch_id: string; manifest_hash: string } = m.parent;
    m = await read(parent.epoch_id, parent.manifest_hash);
    if (!m) break; // the chain in the bucket ends here
    kept.set(m.epoch_id, m);
  }
  for (const id of locked) {
    if (kept.has(id)) continue;
    const lm = await read(id);
    if (!lm) return { ...report, skipped: `locked epoch ${id} has no readable manifest` };
    kept.set(id, lm);
  }

  for (const o of await store.list("epochs/")) {
    const id = /^epochs\/(.+)\.json$/.exec(o.key)?.[1];
    if (id === undefined || !isEpochId(id) || kept.has(id) || id > current.epoch_id) continue;
    await store.delete(o.key);
    report.removedEpochs.push(id);
  }

  const referenced = new Set<string>();
  for (const km of kept.values()) for (const h of manifestObjects(km)) referenced.add(h);
  for (const o of await store.list("objects/")) {
    const hash = /^objects\/([0-9a-f]{64})\.json$/.exec(o.key)?.[1];
    if (hash === undefined || referenced.has(hash)) continue;
    if (now.getTime() - o.lastModified.getTime() < graceMs) continue;
    await store.delete(o.key);
    report.removedObjects++;
  }
  return report;
}
