// Which local state directories are mirrors of a remote state, so that the state writer and the
// lock writer publish what they write there. Filled by useStateLocation (attach.ts).
import { sep } from "node:path";
import type { ObsEvent } from "../events/schema.js";
import type { PruneReport } from "../state/retention.js";
import type { Manifest } from "../state/schemas.js";

export interface RemotePublisher {
  readonly label: string;
  publishCommit(args: {
    manifest: Manifest;
    manifestBytes: string | Uint8Array;
    events: readonly ObsEvent[];
    pointerBytes: Uint8Array;
  }): Promise<void>;
  publishEvents(events: readonly ObsEvent[]): Promise<void>;
  publishLock(relPath: string, bytes: Uint8Array): Promise<void>;
  prune(current: Manifest, keep: number): Promise<PruneReport>;
}

/**
 * The registrations live on globalThis, one set per process: a bundled bin (obs-oracle's build
 * splits its lazy files into another build) can hold two copies of this module, and the copy a
 * reader asks must know the mirrors the other copy registered.
 */
interface Registrations {
  remotes: Map<string, RemotePublisher>;
  mirrors: Map<string, Mirror>;
}
const KEY = Symbol.for("observatory.storage.registry");
const global = globalThis as { [KEY]?: Registrations };
global[KEY] ??= { remotes: new Map(), mirrors: new Map() };
const shared: Registrations = global[KEY];
const remotes = shared.remotes;

export function registerRemote(stateDir: string, remote: RemotePublisher): void {
  remotes.set(stateDir, remote);
}

/** The remote a local state directory mirrors, if it is a mirror. */
export function remoteFor(stateDir: string): RemotePublisher | undefined {
  return remotes.get(stateDir);
}

/** Fetches a content-addressed file (objects/ or history/) of a mirror from its bucket, stores it
 * in the mirror and returns its bytes, checked against `hash` (it throws when they differ); null
 * when the bucket does not hold it either. */
export type MirrorFetch = (rel: string, hash: string) => Promise<Buffer | null>;

/** A mirror's file fetched ahead of its read and not read yet (its bytes, checked against
 * `hash`, or null when that fetch failed); null when there is none: no I/O either way. */
export type MirrorPrefetched = (rel: string, hash: string) => Promise<Buffer | null> | null;

interface Mirror {
  fetch: MirrorFetch;
  prefetched: MirrorPrefetched;
}

const mirrors = shared.mirrors;

export function registerMirror(
  stateDir: string,
  fetch: MirrorFetch,
  prefetched: MirrorPrefetched = () => null,
): void {
  mirrors.set(stateDir, { fetch, prefetched });
}

/** Whether a local state directory is the mirror of a remote state: its content-addressed
 * files are fetched when first read, so one missing there is not yet fetched, not damaged. */
export function isMirror(stateDir: string): boolean {
  return mirrors.has(stateDir);
}

/** For a path inside a registered mirror, the file fetched from its bucket; otherwise null
 * (no I/O at all for a path outside every mirror: the common, local case). */
export async function fetchIntoMirror(path: string, hash: string): Promise<Buffer | null> {
  const found = mirrorOf(path);
  return found === null ? null : found.mirror.fetch(found.rel, hash);
}

/** For a path inside a registered mirror, the bytes a prefetch holds for it (handed over once:
 * the reader need not read and hash the file the prefetch just wrote); otherwise null. */
export function takePrefetched(path: string, hash: string): Promise<Buffer | null> | null {
  const found = mirrorOf(path);
  return found === null ? null : found.mirror.prefetched(found.rel, hash);
}

function mirrorOf(path: string): { mirror: Mirror; rel: string } | null {
  if (mirrors.size === 0) return null;
  for (const [dir, mirror] of mirrors) {
    if (!path.startsWith(`${dir}${sep}`)) continue;
    const rel = path
      .slice(dir.length + 1)
      .split(sep)
      .join("/");
    if (!/^(objects|history)\/[0-9a-f]{64}\.json$/.test(rel)) return null;
    return { mirror, rel };
  }
  return null;
}
