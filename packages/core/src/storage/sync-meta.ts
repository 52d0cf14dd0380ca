// What a mirror knows of its remote, beside the mirror (never inside the state directory): the
// remote pointer's ETag it mirrors, the event objects already appended to its events.jsonl, and
// the ETags of the experiment locks. Pulls and publishes on one host serialize on a lock here.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { ExitCode, ObsError } from "../errors.js";
import { atomicWriteFile, ensureDir } from "../state/atomic-write.js";

export interface SyncMeta {
  schema: "observatory.s3-mirror/1";
  pointer_etag: string | null;
  events: string[];
  locks: Record<string, string>;
}

const META = "mirror.json";

export async function readSyncMeta(root: string): Promise<SyncMeta> {
  const text = await readFile(join(root, META), "utf8").catch(() => null);
  if (text !== null) {
    try {
      const v = JSON.parse(text) as SyncMeta;
      if (v.schema === "observatory.s3-mirror/1" && Array.isArray(v.events)) return v;
    } catch {
      // A damaged record only costs a full pull: every object is verified by hash anyway.
    }
  }
  return { schema: "observatory.s3-mirror/1", pointer_etag: null, events: [], locks: {} };
}

export async function writeSyncMeta(root: string, meta: SyncMeta): Promise<void> {
  await atomicWriteFile(join(root, META), `${JSON.stringify(meta)}\n`);
}

/** Runs `fn` holding the mirror's sync lock (waits up to ~30 s for another process's pull). */
export async function withSyncLock<T>(root: string, fn: () => Promise<T>): Promise<T> {
  await ensureDir(root);
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(root, {
      lockfilePath: join(root, "mirror.lock"),
      stale: 30_000,
      retries: { retries: 60, minTimeout: 50, maxTimeout: 500 },
      realpath: false,
    });
  } catch (e) {
    throw new ObsError("LOCKED", `another process is updating the mirror in ${root}`, {
      hint: "try again in a moment",
      exitCode: ExitCode.LOCKED,
      cause: e,
    });
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}
