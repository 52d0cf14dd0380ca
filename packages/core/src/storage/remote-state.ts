// A state that lives in an object store, used through a local mirror. The bucket holds the local
// layout's names (current_epoch.json, epochs/, objects/, history/, locks/) and, instead of the
// append-only events.jsonl, one object per batch of events: events/<epoch>/commit.jsonl for a
// commit's events, events/<epoch>/<time>-<random>.jsonl for events logged outside one.
//
// The mirror is a complete local state directory (the cache): a pull copies what the remote
// pointer reaches (the pointer's manifest and its ancestors still in the bucket, every object
// and history segment they name, committed epochs' events, the experiment locks) and writes the
// local pointer last, so every local reader works on it unchanged and never sees a mixed epoch.
// Objects are immutable and verified by hash, so each is fetched once.
//
// A writer commits locally first (objects, manifest, events) and then, at the pointer step,
// publishes: objects and manifest created only if absent, the events object, and the remote
// pointer replaced only if its ETag is still the one read when the run started. That replace is
// the commit point; a writer that loses it deletes its manifest and events object, leaves the
// winner's epoch untouched, and reports the epoch that won.

import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { ExitCode, type ExitCodeValue, ObsError } from "../errors.js";
import { appendEvents } from "../events/log.js";
import { parseEventLine } from "../events/parse-line.js";
import type { ObsEvent } from "../events/schema.js";
import { atomicWriteFile, ensureDir } from "../state/atomic-write.js";
import { sha256Hex } from "../state/canonical-json.js";
import { isEpochId } from "../state/epoch-id.js";
import { isWrittenPointer } from "../state/read-pointer.js";
import type { PruneReport } from "../state/retention.js";
import type { Manifest, Pointer } from "../state/schemas.js";
import { testStop } from "../state/test-stop.js";
import type { ObjectMeta, ObjectStore, Replaced, StoredObject } from "./object-store.js";
import {
  readPointerEtag,
  readSyncMeta,
  type SyncMeta,
  withSyncLock,
  writePointerEtag,
  writeSyncMeta,
} from "./sync-meta.js";

export const POINTER_KEY = "current_epoch.json";
export const EVENTS_PREFIX = "events/";
export const COMMIT_EVENTS = "commit.jsonl";

/** Unreferenced objects younger than this are never deleted (remote-retention.ts). */
export const GC_GRACE_MS = 60 * 60 * 1000;

/** Ancestors fetched at most, past the pointer's epoch (retention keeps far fewer). */
const MAX_CHAIN = 1_000;
/** The pointer object's metadata naming its epoch's routing index (x-amz-meta-routing). */
export const ROUTING_META = "routing";

/** The metadata a pointer object is written with: the routing index of the epoch it names, so a
 * router's cold pull fetches the index beside the manifest instead of after it (a hint, checked
 * by hash when used); none when the epoch has no index. */
export function pointerMeta(routing: string | null | undefined): ObjectMeta | undefined {
  return typeof routing === "string" ? { [ROUTING_META]: routing } : undefined;
}

export interface PullResult {
  /** The remote pointer's ETag (null: the bucket holds no state yet). */
  etag: string | null;
  /** False when the conditional GET said the pointer is unchanged. */
  changed: boolean;
  pointer: Pointer | null;
}

/** What the manifest names in objects/: snapshots, registry, benchmarks, cooldowns, routing,
 * and the history head. */
export function manifestObjects(m: Manifest): string[] {
  const out = new Set<string>();
  for (const p of Object.values(m.providers)) if (p.snapshot !== null) out.add(p.snapshot);
  for (const h of [m.registry, m.benchmarks, m.cooldowns, m.routing, m.history])
    if (typeof h === "string") out.add(h);
  return [...out].sort();
}

export interface PullOptions {
  /** Append committed epochs' events to the mirror's events.jsonl (default true). */
  events?: boolean;
  /** Sync the experiment locks and the epochs they name (default true). */
  locks?: boolean;
}

export class RemoteState {
  /** The mirror's directories made by this process (see mirrorDir). */
  #dirs = new Map<string, Promise<void>>();
  /** Objects being fetched ahead of their read (prefetch). */
  #inflight = new Map<string, { hash: string; bytes: Promise<Buffer | null> }>();
  /** The pointer's ETag when this process first pulled: a writer's commit replaces only it. */
  startEtag: string | null = null;
  startPointer: Pointer | null = null;

  constructor(
    readonly store: ObjectStore,
    /** The cache root: the mirror is `<root>/state`, the sync record beside it. */
    readonly root: string,
  ) {}

  get label(): string {
    return this.store.label;
  }

  get stateDir(): string {
    return join(this.root, "state");
  }

  /** Brings the mirror up to the remote pointer: one conditional GET when nothing changed. */
  /**
   * Brings the mirror up to the remote pointer. When nothing was committed that is one
   * conditional GET, with no lock and no write (unless the experiment locks are wanted: they
   * change without a commit). `events: false, locks: false` is a router's pull (the oracle
   * reads neither).
   */
  async pull(options: PullOptions = {}): Promise<PullResult> {
    const wanted = { events: options.events ?? true, locks: options.locks ?? true };
    // Made while the pointer is fetched: on a cold mirror the reads below find nothing either way.
    const dirReady = this.mirrorDir(this.stateDir);
    const localPointer = await readFile(join(this.stateDir, POINTER_KEY)).catch(() => null);
    const etag = await readPointerEtag(this.root, localPointer);
    const got = await this.store.getIfChanged(POINTER_KEY, etag);
    await dirReady;
    // The lock guards the events a pull appends and the locks it syncs; a router's pull writes
    // only verified manifests and the pointer, which concurrent pulls may write in any order
    // (a mirror left one epoch behind catches up on its next pull).
    const r =
      got === "unchanged" &&
      !wanted.locks &&
      !(wanted.events && (await this.eventsBehind(localPointer!)))
        ? await this.unchanged(etag, localPointer!, wanted)
        : wanted.events || wanted.locks
          ? await withSyncLock(this.root, () => this.pullLocked(got, etag, wanted))
          : await this.pullLocked(got, etag, wanted);
    if (this.startEtag === null && this.startPointer === null) {
      this.startEtag = r.etag;
      this.startPointer = r.pointer;
    }
    return r;
  }

  /** The remote pointer is the mirror's: nothing to fetch, unless the mirror lost the manifest
   * it names (manifests are mirrored without fsync; a crash can take one), fetched again here. */
  private async unchanged(
    etag: string | null,
    localPointer: Buffer,
    wanted: Required<PullOptions>,
  ): Promise<PullResult> {
    const pointer = parsePointer(localPointer, this.store);
    const head = await this.pullEpoch(pointer.epoch_id, pointer.manifest_hash);
    // Gone from the bucket too: the pointer moved since it answered "unchanged"; pull again.
    if (head.kind === "missing") return this.pullLocked(null, null, wanted);
    return { etag, changed: false, pointer };
  }

  /** Whether the mirror's pointer (`local`) is newer than the events it holds (a router pulled
   * it). */
  private async eventsBehind(local: Buffer): Promise<boolean> {
    const meta = await readSyncMeta(this.root);
    try {
      return meta.through !== parsePointer(local, this.store).manifest_hash;
    } catch {
      return true;
    }
  }

  private async pullLocked(
    first: StoredObject | "unchanged" | null,
    firstEtag: string | null,
    wanted: Required<PullOptions>,
  ): Promise<PullResult> {
    const meta = await readSyncMeta(this.root);
    let localPointer = await readFile(join(this.stateDir, POINTER_KEY)).catch(() => null);
    let etag = await readPointerEtag(this.root, localPointer);
    // Another process may have pulled while this one waited for the lock: ask again then.
    let got = etag === firstEtag ? first : null;
    for (let attempt = 0; ; attempt++) {
      got ??= await this.store.getIfChanged(POINTER_KEY, etag);
      if (got === "unchanged") {
        const pointer = parsePointer(localPointer!, this.store);
        if ((await this.pullEpoch(pointer.epoch_id, pointer.manifest_hash)).kind === "missing") {
          got = null; // the pointer moved since it answered: ask again
          localPointer = null;
          etag = null;
          continue;
        }
        let write = false;
        if (wanted.events && meta.through !== pointer.manifest_hash) {
          // Mirrored by a router's pull, which takes neither the ancestors nor the events.
          const chain = await this.pullChain(pointer, true);
          if (chain !== "moved") await this.pullEvents(meta, chain, pointer);
          meta.through = pointer.manifest_hash;
          write = true;
        }
        if (wanted.locks && (await this.pullLocks(meta))) write = true;
        if (write) await writeSyncMeta(this.root, meta);
        return { etag, changed: false, pointer };
      }
      if (got === null) {
        // Nothing committed in the bucket yet (or never): the mirror holds nothing either.
        return { etag: null, changed: true, pointer: null };
      }
      const pointer = parsePointer(got.body, this.store);
      const whole = wanted.events || wanted.locks;
      const hinted = got.meta?.[ROUTING_META];
      if (!whole && hinted !== undefined && /^[0-9a-f]{64}$/.test(hinted))
        this.prefetch(`objects/${hinted}.json`, hinted);
      const chain = await this.pullChain(pointer, whole);
      if (chain === "moved" && attempt < 5) {
        got = null; // committed and pruned under us: again
        localPointer = null;
        etag = null;
        continue;
      }
      if (chain === "moved")
        throw damaged(this.store, `epochs/${pointer.epoch_id}.json`, "missing");
      if (wanted.events) {
        await this.pullEvents(meta, chain, pointer);
        meta.through = pointer.manifest_hash;
      }
      if (wanted.locks) await this.pullLocks(meta);
      // Without fsync: a mirror pointer lost to a crash is fetched again; the manifests it
      // names were written durably before it.
      await atomicWriteFile(join(this.stateDir, POINTER_KEY), got.body, undefined, {
        durable: false,
      });
      await writePointerEtag(this.root, got.etag, got.body);
      if (wanted.events || wanted.locks) await writeSyncMeta(this.root, meta);
      return { etag: got.etag, changed: true, pointer };
    }
  }

  /**
   * The pointer's manifest and, when `whole`, its ancestors still in the bucket (each fetched
   * unless the mirror holds it); returns the committed epoch ids seen (for the events), or
   * "moved" when the pointer's own manifest is gone (a writer committed and pruned between the
   * two reads). A router's pull (not `whole`) takes the pointer's manifest only, and starts
   * fetching the routing index it names, which the router reads next.
   */
  private async pullChain(pointer: Pointer, whole: boolean): Promise<Set<string> | "moved"> {
    const committed = new Set<string>();
    let next: { epoch_id: string; manifest_hash: string } | null = pointer;
    for (let n = 0; next !== null && n < MAX_CHAIN; n++) {
      committed.add(next.epoch_id);
      const got = await this.pullEpoch(
        next.epoch_id,
        next.manifest_hash,
        whole
          ? undefined
          : (m) => {
              if (typeof m.routing === "string")
                this.prefetch(`objects/${m.routing}.json`, m.routing);
            },
      );
      if (got.kind === "missing") {
        if (n === 0) return "moved";
        break; // pruned by retention: the chain in the bucket ends here
      }
      if (!whole) break;
      // A mirrored manifest's ancestors may not be (a router's pull took only the head): the
      // walk goes on, reading the mirrored ones locally.
      next = got.manifest.parent;
    }
    return committed;
  }

  /** Starts fetching an object a reader is about to read, unless the mirror holds it; its read
   * takes the bytes (takePrefetched), or waits for them (fetchObject). One at a time: a newer
   * prefetch drops an older one not read. */
  private prefetch(rel: string, hash: string): void {
    if (this.#inflight.has(rel)) return;
    const download = (async () => (await this.mirrored(rel, hash)) ?? this.download(rel, hash))();
    // A failed prefetch is forgotten: the read fetches again, and reports what fails then.
    this.#inflight.clear();
    this.#inflight.set(rel, { hash, bytes: download.catch(() => null) });
  }

  /** The bytes of a prefetch of `rel`, once (then they are the reader's); null when none. */
  takePrefetched(rel: string, hash: string): Promise<Buffer | null> | null {
    const p = this.#inflight.get(rel);
    if (p === undefined || p.hash !== hash) return null;
    this.#inflight.delete(rel);
    return p.bytes;
  }

  /**
   * objects/<hash>.json or history/<hash>.json from the bucket into the mirror, verified: how a
   * mirror gets its objects, when a reader first reads them (state/objects.ts readVerified).
   * Written without fsync: a copy lost to a crash fails its hash on the next read and is fetched
   * again. Null when the bucket does not hold it.
   */
  async fetchObject(rel: string, hash: string): Promise<Buffer | null> {
    const pending = this.takePrefetched(rel, hash);
    const got = pending === null ? null : await pending;
    return got ?? this.download(rel, hash);
  }

  private async download(rel: string, hash: string): Promise<Buffer | null> {
    const got = await this.store.get(rel);
    if (got === null) return null;
    if (sha256Hex(got.body) !== hash) throw damaged(this.store, rel, "hash mismatch");
    await this.mirrorDir(join(this.stateDir, rel, ".."));
    await atomicWriteFile(join(this.stateDir, rel), got.body, undefined, { durable: false });
    return got.body;
  }

  /**
   * A directory of the mirror, made once per process and without syncing its parent: the mirror
   * is a cache (a directory a crash takes is made again, and what was in it fetched again), and
   * a router's cold open should not wait on directory syncs (2-5 ms here, more on a busy disk).
   */
  private mirrorDir(dir: string): Promise<void> {
    let made = this.#dirs.get(dir);
    if (made === undefined) {
      made = mkdir(dir, { recursive: true }).then(() => undefined);
      // Failed: the next caller tries again (and this one reports it).
      made.catch(() => this.#dirs.delete(dir));
      this.#dirs.set(dir, made);
    }
    return made;
  }

  /** The mirror's copy of a file when it is there and its hash is `hash`; otherwise null. */
  private async mirrored(rel: string, hash: string): Promise<Buffer | null> {
    const local = await readFile(join(this.stateDir, rel)).catch(() => null);
    return local !== null && sha256Hex(local) === hash ? local : null;
  }

  /** A mirror's object, fetched if it is not there (or does not verify). */
  private async objectBytes(rel: string, hash: string): Promise<Buffer> {
    const local = await this.mirrored(rel, hash);
    if (local !== null) return local;
    const got = await this.fetchObject(rel, hash);
    if (got === null) throw damaged(this.store, rel, "missing");
    return got;
  }

  /**
   * Appends to the mirror's events.jsonl the event objects not applied yet whose epoch is known
   * committed: on the pointer's chain, or in the model history (which names every committed
   * epoch since it began), or older than the history (written before it existed, when no
   * uncommitted epoch can be left: a writer killed mid-commit has a newer id than the epoch it
   * built on). Objects of an epoch that never committed are never shown.
   */
  private async pullEvents(meta: SyncMeta, chain: Set<string>, head: Pointer): Promise<void> {
    const listed = await this.store.list(EVENTS_PREFIX);
    const applied = new Set(meta.events);
    const pending = listed.map((o) => o.key).filter((k) => !applied.has(k));
    if (pending.length === 0) return;
    const history = pending.some((k) => !chain.has(epochOfEventKey(k) ?? ""))
      ? await this.historyEpochs(head)
      : { ids: new Set<string>(), first: null };
    const batches: ObsEvent[] = [];
    for (const key of pending.sort(eventKeyOrder)) {
      const epoch = epochOfEventKey(key);
      if (epoch === undefined) continue; // not ours
      const committed =
        epoch === null ||
        chain.has(epoch) ||
        history.ids.has(epoch) ||
        (history.first !== null && epoch < history.first);
      if (!committed) continue;
      const got = await this.store.get(key);
      if (got === null) continue;
      for (const line of got.body.toString("utf8").split("\n")) {
        const parsed = parseEventLine(line);
        if (parsed.kind === "event") batches.push(parsed.event);
      }
      meta.events.push(key);
    }
    await appendEvents(this.stateDir, batches);
  }

  /** The epochs the model history names, as of the pointer's (mirrored) manifest. */
  private async historyEpochs(head: Pointer): Promise<{ ids: Set<string>; first: string | null }> {
    const { loadEpoch } = await import("../state/read-epoch.js");
    const { readHistory } = await import("../history/store.js");
    const ids = new Set<string>();
    const load = await loadEpoch(this.stateDir, head.epoch_id, head.manifest_hash);
    if (!load.ok) return { ids, first: null };
    const entries = (await readHistory(this.stateDir, load.epoch.manifest)).entries;
    for (const e of entries) ids.add(e.e);
    return { ids, first: entries[0]?.e ?? null };
  }

  /** The experiment locks, by ETag: changed ones fetched, removed ones removed. True when
   * anything changed. */
  private async pullLocks(meta: SyncMeta): Promise<boolean> {
    const listed = (await this.store.list("locks/")).filter((o) =>
      /^locks\/[^/]+\.json$/.test(o.key),
    );
    const dir = join(this.stateDir, "locks");
    const seen: Record<string, string> = {};
    let changed = false;
    for (const o of listed) {
      const got = await this.store.getIfChanged(o.key, meta.locks[o.key] ?? null);
      if (got === "unchanged") {
        seen[o.key] = meta.locks[o.key]!;
        continue;
      }
      if (got === null) continue;
      await ensureDir(dir);
      await atomicWriteFile(join(this.stateDir, o.key), got.body);
      seen[o.key] = got.etag;
      changed = true;
    }
    for (const key of Object.keys(meta.locks)) {
      if (key in seen) continue;
      await rm(join(this.stateDir, key), { force: true });
      changed = true;
    }
    meta.locks = seen;
    // The epochs the locks name, which the chain may no longer reach (obs-check compares with
    // them; retention keeps them in the bucket).
    for (const key of Object.keys(seen)) {
      const text = await readFile(join(this.stateDir, key), "utf8").catch(() => null);
      let pin: { epoch_id?: unknown; manifest_hash?: unknown } | null = null;
      try {
        pin = text === null ? null : JSON.parse(text);
      } catch {
        pin = null; // a damaged lock is obs-check's to report
      }
      if (typeof pin?.epoch_id !== "string" || typeof pin.manifest_hash !== "string") continue;
      if (!isEpochId(pin.epoch_id)) continue;
      await this.pullEpoch(pin.epoch_id, pin.manifest_hash);
    }
    return changed;
  }

  /** One committed epoch's manifest and everything it names into the mirror, unless there
   * already; "missing" when the bucket no longer holds it. */
  private async pullEpoch(
    id: string,
    hash: string,
    /** Called with the verified manifest before it is written to the mirror. */
    seen?: (m: Manifest) => void,
  ): Promise<{ kind: "mirrored" | "fetched"; manifest: Manifest } | { kind: "missing" }> {
    const rel = `epochs/${id}.json`;
    const local = await this.mirrored(rel, hash);
    if (local !== null) {
      const manifest = JSON.parse(local.toString("utf8")) as Manifest;
      seen?.(manifest);
      return { kind: "mirrored", manifest };
    }
    const got = await this.store.get(rel);
    if (got === null) return { kind: "missing" };
    if (sha256Hex(got.body) !== hash) throw damaged(this.store, rel, "hash mismatch");
    const manifest = JSON.parse(got.body.toString("utf8")) as Manifest;
    seen?.(manifest);
    await this.mirrorDir(join(this.stateDir, "epochs"));
    // Without fsync, like the objects: a manifest a crash took (or tore) fails its hash on the
    // next pull, which fetches it again (`unchanged` checks the pointer's own).
    await atomicWriteFile(join(this.stateDir, rel), got.body, undefined, { durable: false });
    return { kind: "fetched", manifest };
  }

  /**
   * The commit point of a writer on this remote: uploads what the new epoch names that the
   * epoch it started from did not, its manifest and events, then replaces the remote pointer
   * only if it is still the one this run started from. Throws POINTER_MOVED (another writer
   * committed) after removing its own manifest and events object.
   */
  async publishCommit(args: {
    manifest: Manifest;
    manifestBytes: string | Uint8Array;
    events: readonly ObsEvent[];
    pointerBytes: Uint8Array;
  }): Promise<void> {
    const { manifest } = args;
    const id = manifest.epoch_id;
    await withSyncLock(this.root, async () => {
      const meta = await readSyncMeta(this.root);
      const known = await this.knownAtStart();
      for (const h of manifestObjects(manifest))
        if (!known.has(`objects/${h}.json`)) await this.upload("objects", h);
      if (manifest.history) {
        const head = JSON.parse(
          (await this.objectBytes(`objects/${manifest.history}.json`, manifest.history)).toString(
            "utf8",
          ),
        ) as { segments?: Array<{ hash: string }> };
        for (const s of head.segments ?? [])
          if (!known.has(`history/${s.hash}.json`)) await this.upload("history", s.hash);
      }
      const manifestKey = `epochs/${id}.json`;
      const made = await this.store.create(manifestKey, Buffer.from(args.manifestBytes));
      if (!made.created) {
        const there = await this.store.get(manifestKey);
        if (there === null || Buffer.compare(there.body, Buffer.from(args.manifestBytes)) !== 0)
          throw await this.lostTo(id, true);
      }
      const eventsKey = `${EVENTS_PREFIX}${id}/${COMMIT_EVENTS}`;
      if (args.events.length > 0)
        await this.store.create(eventsKey, Buffer.from(eventLines(args.events)));
      await testStop("publish");
      const swapped = await this.swapPointer(id, args.pointerBytes, manifest.routing);
      if (!swapped.ok) {
        await this.store.delete(manifestKey).catch(() => undefined);
        await this.store.delete(eventsKey).catch(() => undefined);
        throw await this.lostTo(id, false);
      }
      this.startEtag = swapped.etag;
      // The mirror's pointer is written by the writer right after this (the same bytes).
      await writePointerEtag(this.root, swapped.etag, args.pointerBytes);
      if (args.events.length > 0) meta.events.push(eventsKey);
      await writeSyncMeta(this.root, meta);
    });
  }

  /** The pointer replace. When the store fails even after its retries the replace may have
   * landed all the same (a connection dropped after the store applied it): one look decides. */
  private async swapPointer(
    id: string,
    bytes: Uint8Array,
    routing: string | null | undefined,
  ): Promise<Replaced> {
    try {
      return await this.store.replace(POINTER_KEY, bytes, this.startEtag, pointerMeta(routing));
    } catch (e) {
      const now = await this.store.get(POINTER_KEY).catch(() => undefined);
      if (now && Buffer.compare(now.body, Buffer.from(bytes)) === 0)
        return { ok: true, etag: now.etag };
      if (!(e instanceof ObsError) || now === undefined) throw e;
      // The pointer is readable and is not ours: this epoch is not committed.
      throw new ObsError(e.code, e.message, {
        hint: `epoch ${id} was not committed (the bucket's pointer still names ${now === null ? "no epoch" : (safePointer(now.body)?.epoch_id ?? "another epoch")}); run again when the store answers`,
        exitCode: e.exitCode as ExitCodeValue,
        cause: e,
      });
    }
  }

  /**
   * The error of a writer that lost the pointer. A manifest of the same epoch id already in the
   * bucket (two hosts committing in the same millisecond) is another writer between its upload
   * and its pointer replace: wait briefly to name the epoch that won.
   */
  private async lostTo(id: string, sameId: boolean): Promise<ObsError> {
    let winner: string | null = null;
    for (let i = 0; i < (sameId ? 15 : 1); i++) {
      const now = await this.store.get(POINTER_KEY).catch(() => null);
      if (now !== null && now.etag !== this.startEtag) {
        winner = safePointer(now.body)?.epoch_id ?? null;
        break;
      }
      if (sameId) await new Promise((r) => setTimeout(r, 200));
    }
    const what =
      winner !== null
        ? `another writer committed ${winner}`
        : sameId
          ? `another writer is committing an epoch with this run's id ${id}`
          : "another writer changed the pointer";
    return new ObsError(
      "POINTER_MOVED",
      `${what} in ${this.store.label} while this run was working; this run's epoch ${id} was not committed`,
      {
        hint: "the other writer's epoch stands and nothing of it was touched; run again to measure on top of it",
        exitCode: ExitCode.LOCKED,
      },
    );
  }

  /** Retention in the bucket after a commit (remote-retention.ts). */
  async prune(current: Manifest, keep: number): Promise<PruneReport> {
    const { pruneRemote } = await import("./remote-retention.js");
    return pruneRemote(this.store, this.stateDir, current, keep, new Date());
  }

  /** Events logged outside a commit (recovery notices, a run's summary), as their own object. */
  async publishEvents(events: readonly ObsEvent[]): Promise<void> {
    if (events.length === 0) return;
    const epoch = events[0]!.epoch_id ?? "none";
    const stamp = new Date().toISOString().replace(/[-:]/g, "");
    const key = `${EVENTS_PREFIX}${epoch}/${stamp}-${Math.random().toString(16).slice(2, 10)}.jsonl`;
    await withSyncLock(this.root, async () => {
      await this.store.create(key, Buffer.from(eventLines(events)));
      const meta = await readSyncMeta(this.root);
      meta.events.push(key);
      await writeSyncMeta(this.root, meta);
    });
  }

  /** An experiment lock written in the mirror, published under the same name. */
  async publishLock(relPath: string, bytes: Uint8Array): Promise<void> {
    await withSyncLock(this.root, async () => {
      const etag = await this.store.put(relPath, bytes);
      const meta = await readSyncMeta(this.root);
      meta.locks[relPath] = etag;
      await writeSyncMeta(this.root, meta);
    });
  }

  /** Keys the epoch this run started from names: in the bucket already, never uploaded again. */
  private async knownAtStart(): Promise<Set<string>> {
    const known = new Set<string>();
    if (this.startPointer === null) return known;
    const text = await readFile(
      join(this.stateDir, "epochs", `${this.startPointer.epoch_id}.json`),
      "utf8",
    ).catch(() => null);
    if (text === null) return known;
    const m = JSON.parse(text) as Manifest;
    for (const h of manifestObjects(m)) known.add(`objects/${h}.json`);
    if (m.history) {
      const head = await this.objectBytes(`objects/${m.history}.json`, m.history)
        .then((b) => JSON.parse(b.toString("utf8")) as { segments?: Array<{ hash: string }> })
        .catch(() => null);
      for (const s of head?.segments ?? []) known.add(`history/${s.hash}.json`);
    }
    return known;
  }

  /** Creates a content-addressed object. One already there is verified: replaced if its bytes
   * do not hash to its name, and rewritten (the same bytes) when it is old enough that garbage
   * collection might take it before this commit names it. */
  private async upload(dir: "objects" | "history", hash: string): Promise<void> {
    const rel = `${dir}/${hash}.json`;
    const bytes = await readFile(join(this.stateDir, rel));
    if (sha256Hex(bytes) !== hash)
      throw damaged({ label: "the local mirror" }, rel, "hash mismatch");
    const made = await this.store.create(rel, bytes);
    if (made.created) return;
    const there = await this.store.get(rel);
    const fresh =
      there?.lastModified !== undefined &&
      Date.now() - there.lastModified.getTime() < GC_GRACE_MS / 2;
    if (there !== null && sha256Hex(there.body) === hash && fresh) return;
    await this.store.put(rel, bytes);
  }
}

function eventLines(events: readonly ObsEvent[]): string {
  return events.map((e) => `${JSON.stringify(e)}\n`).join("");
}

/** events/<epoch>/<name>.jsonl -> the epoch (null for events before any epoch); undefined when
 * the key is not an event object. */
export function epochOfEventKey(key: string): string | null | undefined {
  const m = /^events\/([^/]+)\/[^/]+\.jsonl$/.exec(key);
  if (!m) return undefined;
  if (m[1] === "none") return null;
  return isEpochId(m[1]!) ? m[1]! : undefined;
}

/** Epoch order, "none" first, and within an epoch its commit's events before later ones. */
function eventKeyOrder(a: string, b: string): number {
  const [, ea = "", na = ""] = a.split("/");
  const [, eb = "", nb = ""] = b.split("/");
  const ka = ea === "none" ? "" : ea;
  const kb = eb === "none" ? "" : eb;
  if (ka !== kb) return ka < kb ? -1 : 1;
  if (na === COMMIT_EVENTS) return -1;
  if (nb === COMMIT_EVENTS) return 1;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

function safePointer(bytes: Uint8Array): Pointer | null {
  try {
    const v = JSON.parse(Buffer.from(bytes).toString("utf8"));
    return isWrittenPointer(v) ? v : null;
  } catch {
    return null;
  }
}

function parsePointer(bytes: Uint8Array, store: { label: string }): Pointer {
  const p = safePointer(bytes);
  if (p === null) throw damaged(store, POINTER_KEY, "does not match the pointer schema");
  return p;
}

function damaged(store: { label: string }, rel: string, reason: string): ObsError {
  return new ObsError("STATE_CORRUPT", `${store.label}/${rel} is unusable: ${reason}`, {
    hint: "the bucket's state is damaged; restore the object from a copy (obs-migrate --to copies a verified state) or point --state-dir elsewhere",
    exitCode: ExitCode.STATE,
  });
}
