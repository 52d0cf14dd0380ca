// What a mirror knows of its remote, beside the mirror (never inside the state directory): the
// remote pointer's ETag it mirrors, the event objects already appended to its events.jsonl, and
// the ETags of the experiment locks. Pulls and publishes on one host serialize on a lock here.
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { ExitCode, ObsError } from "../errors.js";
import { atomicWriteFile, ensureDir } from "../state/atomic-write.js";
import { sha256Hex } from "../state/canonical-json.js";

export interface SyncMeta {
  schema: "observatory.s3-mirror/1";
  events: string[];
  locks: Record<string, string>;
  /** The manifest hash of the epoch whose chain and events the last full pull synced: a
   * router's pull mirrors a new epoch without them, and the next full pull must not take the
   * unchanged pointer for "nothing to do". */
  through?: string;
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
  return { schema: "observatory.s3-mirror/1", events: [], locks: {} };
}

const ETAG = "pointer-etag.json";

/**
 * The remote ETag of the pointer the mirror holds, recorded with the hash of the pointer's bytes
 * so that a record that outlived its pointer (both are written without fsync) is never believed:
 * null unless it belongs to exactly `pointer`.
 */
export async function readPointerEtag(
  root: string,
  pointer: Buffer | null,
): Promise<string | null> {
  if (pointer === null) return null;
  try {
    const v = JSON.parse(await readFile(join(root, ETAG), "utf8")) as {
      etag?: unknown;
      sha256?: unknown;
    };
    return typeof v.etag === "string" && v.sha256 === sha256Hex(pointer) ? v.etag : null;
  } catch {
    return null;
  }
}

export async function writePointerEtag(
  root: string,
  etag: string,
  pointer: Uint8Array,
): Promise<void> {
  await atomicWriteFile(
    join(root, ETAG),
    `${JSON.stringify({ etag, sha256: sha256Hex(pointer) })}\n`,
    undefined,
    { durable: false },
  );
}

/** `durable` false when the record names no events (a router's pull): lost to a crash, it
 * costs one full pull, never a wrong state. With events it must outlive the append it records,
 * or a second pull would append them again. */
export async function writeSyncMeta(root: string, meta: SyncMeta, durable = true): Promise<void> {
  await atomicWriteFile(join(root, META), `${JSON.stringify(meta)}\n`, undefined, { durable });
}

/** Runs `fn` holding the mirror's sync lock: waits for another process's pull; the lock of a
 * process that died holding it is taken over at once (its pid is gone), or after 10 s. */
export async function withSyncLock<T>(root: string, fn: () => Promise<T>): Promise<T> {
  await ensureDir(root);
  const lockDir = join(root, "mirror.lock");
  const holderFile = join(root, "mirror.lock.pid");
  const holder = Number(await readFile(holderFile, "utf8").catch(() => ""));
  if (Number.isSafeInteger(holder) && holder > 0 && holder !== process.pid && !alive(holder))
    await rm(lockDir, { recursive: true, force: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(root, {
      lockfilePath: lockDir,
      stale: 10_000,
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
    await atomicWriteFile(holderFile, String(process.pid));
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
