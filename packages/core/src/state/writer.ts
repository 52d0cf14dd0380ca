// The single writer. openStateWriter takes the instance lock and recovers; commit() writes one
// epoch in the contract's strict order: objects -> manifest -> events -> pointer. A crash at any
// step leaves the previous epoch authoritative, and the next open records the loss. Every
// rename, append and delete is fenced (the writer re-reads its lock token first), and the
// pointer flip is a compare-and-swap on the pointer this writer started from, so a writer that
// was paused and lost its lock touches nothing of the writer that took over.
import { readdir, rename } from "node:fs/promises";
import { join } from "node:path";
import { describeError, ExitCode, ObsError } from "../errors.js";
import { appendEvents } from "../events/log.js";
import type { EventDraft, ObsEvent } from "../events/schema.js";
import { driftChanges, epochChanges, identityChanges, sortChanges } from "../history/derive.js";
import type { HistoryChange, HistoryEntry } from "../history/schema.js";
import { extendHistory, readHistoryHead } from "../history/store.js";
import type { RoutingIndex } from "../routing/schema.js";
import { remoteFor } from "../storage/registry.js";
import { atomicWriteFile, ensureDir, type Fence } from "./atomic-write.js";
import { canonicalJson, sha256Hex } from "./canonical-json.js";
import { deriveRouting } from "./derive-routing.js";
import { isEpochId, nextEpochId } from "./epoch-id.js";
import { acquireInstanceLock, type InstanceLock } from "./instance-lock.js";
import { ABORTED_SUFFIX, epochsDir, manifestPath, pointerPath } from "./layout.js";
import { putObject } from "./objects.js";
import { quarantine } from "./quarantine.js";
import { type LoadedEpoch, readPointer, type StateProblem } from "./read-epoch.js";
import { recoverState } from "./recover.js";
import { DEFAULT_RETAIN_EPOCHS, type PruneReport, pruneEpochs } from "./retention.js";
import {
  type Manifest,
  type Pointer,
  type ProviderEntry,
  type ProviderError,
  QUIET_EPOCHS_MAX,
  type Snapshot,
} from "./schemas.js";
import { testStop } from "./test-stop.js";

export interface WriterOptions {
  tool: string;
  version: string;
  staleMs?: number;
  /** Queue behind a live holder of the instance lock for up to this long (default: skip). */
  waitMs?: number;
  retainEpochs?: number;
  maxEventLogBytes?: number;
  now?: () => Date;
  /** Test hook: called before each commit step; throwing simulates a crash there. */
  beforeStep?: (step: CommitStep) => void | Promise<void>;
}

export type CommitStep = "objects" | "manifest" | "events" | "pointer" | "retention";

/** What a run observed for one provider: a fresh snapshot, or the error that prevented one. */
export type ProviderDraft = { snapshot: Snapshot } | { error: ProviderError };

export interface EpochDraft {
  fingerprintScheme: string;
  /** Providers not named here keep their previous snapshot (carried forward). */
  providers: Record<string, ProviderDraft>;
  /** The capability registry; undefined keeps the current epoch's. */
  registry?: unknown;
  /** The benchmark store (drift state); undefined keeps the current epoch's. */
  benchmarks?: unknown;
  /** Webhook cooldown state; undefined keeps the current epoch's. */
  cooldowns?: unknown;
  /** The routing index of this draft's registry and benchmark store, for a caller that built
   * them typed (obs-poll): it spares the commit a validation pass over both. Undefined: the
   * writer derives it. */
  routing?: RoutingIndex | null;
  /** History entries older than this epoch, for the commit that starts a state (obs-migrate:
   * the listings a v1 log recorded); increasing epoch ids. Ignored when a previous epoch exists. */
  historySeed?: readonly HistoryEntry[];
  events: EventDraft[];
}

export interface CommitResult {
  epochId: string;
  manifestHash: string;
  manifest: Manifest;
  events: ObsEvent[];
  prune: PruneReport | null;
}

export type OpenWriterResult =
  | { ok: true; writer: StateWriter }
  | { ok: false; reason: "locked"; message: string };

export async function openStateWriter(
  stateDir: string,
  given: WriterOptions,
): Promise<OpenWriterResult> {
  // Retention and the event log's rotation size from OBS_RETAIN_EPOCHS and
  // OBS_EVENTS_ROTATE_BYTES (or observatory.config.json) unless the caller set them; a bad
  // value is a usage error here, before the directory is touched.
  const options: WriterOptions = {
    ...given,
    retainEpochs: given.retainEpochs ?? envInt("OBS_RETAIN_EPOCHS", 1, "10"),
    maxEventLogBytes: given.maxEventLogBytes ?? envInt("OBS_EVENTS_ROTATE_BYTES", 4096, "67108864"),
  };
  try {
    await ensureDir(stateDir);
  } catch (e) {
    throw new ObsError(
      "STATE_DIR_UNUSABLE",
      `cannot use ${stateDir} as a state directory: ${describeError(e)}`,
      {
        hint: "check that the path is a writable directory (or set --state-dir / OBS_STATE_DIR)",
        exitCode: ExitCode.STATE,
        cause: e,
      },
    );
  }
  const acquired = await acquireInstanceLock(stateDir, {
    tool: options.tool,
    ...(options.staleMs === undefined ? {} : { staleMs: options.staleMs }),
    ...(options.waitMs === undefined ? {} : { waitMs: options.waitMs }),
  });
  if (!acquired.ok) return acquired;
  try {
    const now = options.now ?? (() => new Date());
    const recovery = await recoverState(stateDir, now(), () => acquired.lock.verify());
    const writer = new StateWriter(
      stateDir,
      options,
      acquired.lock,
      recovery.read.epoch,
      recovery.read.problems,
    );
    writer.expectedPointer = recovery.read.pointer;
    // Repair a pointer that cannot be read. A readable pointer that names a damaged epoch stays:
    // moving it back would make the committed epochs after the fallback look never committed.
    // The next commit moves it forward.
    if (recovery.read.fellBack && recovery.read.epoch && recovery.read.pointer === null)
      await writer.writePointer(recovery.read.epoch);
    writer.recovered = await writer.log(recovery.events);
    await testStop("locked");
    return { ok: true, writer };
  } catch (e) {
    await acquired.lock.release();
    throw e;
  }
}

export class StateWriter {
  #closed = false;
  #reserved: string | null = null;
  /** What recovery found and logged on open (STATE_CORRUPT, EPOCH_ABORTED): tools report these
   * with their own events, so a cron operator hears about damage, not only the log. */
  recovered: readonly ObsEvent[] = [];
  /** The pointer as this writer found it (null: none): the flip replaces only this one. */
  expectedPointer: Pick<Pointer, "epoch_id" | "manifest_hash"> | null = null;
  /** Proves, by re-reading the lock's fencing token, that this writer still holds the lock. */
  readonly fence: Fence = async () => {
    if (this.#closed) throw new Error("state writer is closed");
    await this.lock.verify();
  };

  constructor(
    readonly stateDir: string,
    private readonly options: WriterOptions,
    private readonly lock: InstanceLock,
    /** The committed epoch this writer builds on (read-only input for workers). */
    public current: LoadedEpoch | null,
    /** What recovery found wrong on open (already quarantined and logged). */
    readonly problems: readonly StateProblem[],
  ) {}

  private now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  /** Appends events outside a commit, stamped with the current committed epoch. */
  async log(drafts: readonly EventDraft[]): Promise<ObsEvent[]> {
    await this.fence();
    const events = stamp(drafts, this.current?.epochId ?? null, this.now());
    await appendEvents(this.stateDir, events, this.appendOptions());
    await remoteFor(this.stateDir)?.publishEvents(events);
    return events;
  }

  private appendOptions() {
    return {
      fence: this.fence,
      ...(this.options.maxEventLogBytes === undefined
        ? {}
        : { maxBytes: this.options.maxEventLogBytes }),
    };
  }

  /**
   * The id the next commit will use. Runs that stamp the registry or benchmark store with the
   * epoch they belong to ask for it before building the draft.
   */
  async reserveEpochId(now: Date = this.now()): Promise<string> {
    if (this.#reserved !== null) return this.#reserved;
    const existing = await readdir(epochsDir(this.stateDir)).catch(() => [] as string[]);
    const ids = existing.map((n) => n.slice(0, 25)).filter(isEpochId);
    const newest = [this.current?.epochId ?? "", ...ids].sort().pop() || null;
    this.#reserved = nextEpochId(now, newest);
    return this.#reserved;
  }

  async commit(draft: EpochDraft): Promise<CommitResult> {
    await this.fence();
    const step = async (s: CommitStep) => {
      await this.options.beforeStep?.(s);
      await testStop(s);
      await this.fence();
    };
    const now = this.now();
    const epochId = this.#reserved ?? (await this.reserveEpochId(now));
    this.#reserved = null;
    const prev = this.current;

    await step("objects");
    const providers: Record<string, ProviderEntry> = {};
    const snapshots: Record<string, Snapshot | null> = {};
    const names = new Set([
      ...Object.keys(prev?.manifest.providers ?? {}),
      ...Object.keys(draft.providers),
    ]);
    for (const name of [...names].sort()) {
      const d = draft.providers[name];
      const before = prev?.manifest.providers[name];
      if (d && "snapshot" in d) {
        providers[name] = {
          status: "fresh",
          snapshot: await putObject(this.stateDir, d.snapshot, this.fence),
          polled_at: now.toISOString(),
        };
        snapshots[name] = d.snapshot;
      } else if (before && before.snapshot !== null) {
        providers[name] = {
          status: "carried_forward",
          snapshot: before.snapshot,
          from_epoch: before.status === "fresh" ? prev!.epochId : before.from_epoch,
          polled_at: before.polled_at,
          ...(d ? { error: d.error } : {}),
        };
        snapshots[name] = prev!.snapshots[name] ?? null;
      } else if (d) {
        providers[name] = { status: "error", snapshot: null, error: d.error };
        snapshots[name] = null;
      }
      // A provider never seen and not in this draft has nothing to record.
    }
    const registry = draft.registry === undefined ? (prev?.registry ?? null) : draft.registry;
    const benchmarks =
      draft.benchmarks === undefined ? (prev?.benchmarks ?? null) : draft.benchmarks;
    const cooldowns = draft.cooldowns === undefined ? (prev?.cooldowns ?? null) : draft.cooldowns;
    const routing = deriveRouting({
      given: draft.routing,
      changed: prev === null || draft.registry !== undefined || draft.benchmarks !== undefined,
      previous: prev?.manifest ?? null,
      providers,
      snapshots,
      registry,
      benchmarks,
    });
    const history = await this.nextHistory(epochId, prev, providers, snapshots, draft);
    const manifest: Manifest = {
      schema: "observatory.manifest/1",
      epoch_id: epochId,
      parent: prev ? { epoch_id: prev.epochId, manifest_hash: prev.manifestHash } : null,
      created_at: now.toISOString(),
      fingerprint_scheme: draft.fingerprintScheme,
      writer: { tool: this.options.tool, version: this.options.version },
      providers,
      registry: registry === null ? null : await putObject(this.stateDir, registry, this.fence),
      benchmarks:
        benchmarks === null ? null : await putObject(this.stateDir, benchmarks, this.fence),
      cooldowns: cooldowns === null ? null : await putObject(this.stateDir, cooldowns, this.fence),
      routing:
        routing.kind === "carry"
          ? routing.hash
          : routing.index === null
            ? null
            : await putObject(this.stateDir, routing.index, this.fence),
      history: history.hash,
      ...(history.quiet ? { history_quiet: history.quiet } : {}),
    };

    await step("manifest");
    const manifestBytes = canonicalJson(manifest);
    const manifestHash = sha256Hex(manifestBytes);
    await ensureDir(epochsDir(this.stateDir));
    await atomicWriteFile(manifestPath(this.stateDir, epochId), manifestBytes, this.fence);

    await step("events");
    const events = stamp([...draft.events, ...history.events], epochId, now);
    await appendEvents(this.stateDir, events, this.appendOptions());

    await step("pointer");
    const epoch: LoadedEpoch = {
      epochId,
      manifestHash,
      manifest,
      snapshots,
      registry,
      benchmarks,
      cooldowns,
    };
    try {
      await this.writePointer(epoch, { manifestBytes, events });
    } catch (e) {
      if ((e as ObsError).code === "POINTER_MOVED") await this.abandon(epochId, e as ObsError);
      throw e;
    }
    this.current = epoch;

    // Past the commit point: the epoch is durable whatever happens now, so a lost lock only
    // means the housekeeping is skipped (prune is fenced too), never an error.
    await this.options.beforeStep?.("retention");
    await testStop("retention");
    // Pruning is housekeeping: the commit is already durable, so a failure here is not fatal.
    const keep = this.options.retainEpochs ?? DEFAULT_RETAIN_EPOCHS;
    const local = await pruneEpochs(this.stateDir, manifest, keep, this.fence).catch(() => null);
    // A mirror of a bucket: the bucket's retention is what the run reports.
    const remote = remoteFor(this.stateDir);
    const prune = remote ? await remote.prune(manifest, keep).catch(() => null) : local;
    return { epochId, manifestHash, manifest, events, prune };
  }

  /**
   * Extends the model history with this epoch's field-level changes (providers whose snapshot
   * changed only) and returns the new head's hash. An epoch written before the history existed
   * starts it with a baseline of that epoch; a head that cannot be read restarts it here, and
   * says so in a STATE_CORRUPT event (the sealed segments stay on disk). A new fingerprint
   * scheme (the first poll after obs-migrate) begins a new baseline: values extracted another
   * way are not changes.
   */
  private async nextHistory(
    epochId: string,
    prev: LoadedEpoch | null,
    providers: Record<string, ProviderEntry>,
    snapshots: Record<string, Snapshot | null>,
    draft: EpochDraft,
  ): Promise<{ hash: string; quiet?: string[]; events: EventDraft[] }> {
    const head =
      prev === null
        ? ({ kind: "none" } as const)
        : await readHistoryHead(this.stateDir, prev.manifest);
    const added: HistoryEntry[] = [];
    const events: EventDraft[] = [];
    if (prev !== null && head.kind !== "ok") {
      if (head.kind === "bad") {
        // A head that is there but damaged is moved aside, as recovery does with any object.
        let to: string | null = null;
        if (!head.problem.reason.endsWith("missing")) {
          await this.fence();
          to = await quarantine(this.stateDir, head.problem.file, this.now());
        }
        events.push({
          type: "STATE_CORRUPT",
          severity: "WARN",
          file: head.problem.file,
          reason: `${head.problem.reason}; the model history restarts at epoch ${prev.epochId}`,
          quarantined_to: to,
        });
      }
      added.push(
        historyEntry(
          prev.epochId,
          sortChanges([
            ...epochChanges(null, prev.snapshots),
            ...identityChanges(null, prev.registry),
            ...driftChanges(null, prev.benchmarks),
          ]),
          true,
        ),
      );
    }
    if (prev === null && draft.historySeed) {
      // What an earlier tool knew (obs-migrate: a v1 log's listings), oldest first, before us.
      let last = "";
      for (const entry of draft.historySeed) {
        if (entry.e <= last || entry.e >= epochId)
          throw new Error("history seed entries must be increasing and older than the epoch");
        last = entry.e;
        added.push(entry);
      }
    }
    const registry = draft.registry === undefined ? (prev?.registry ?? null) : draft.registry;
    const benchmarks =
      draft.benchmarks === undefined ? (prev?.benchmarks ?? null) : draft.benchmarks;
    if (prev !== null && prev.manifest.fingerprint_scheme !== draft.fingerprintScheme) {
      added.push(
        historyEntry(
          epochId,
          sortChanges([
            ...epochChanges(null, snapshots),
            ...identityChanges(null, registry),
            ...driftChanges(null, benchmarks),
          ]),
          true,
        ),
      );
      const { hash } = await extendHistory(
        this.stateDir,
        head.kind === "ok" ? head.head : null,
        added,
        this.fence,
      );
      return { hash, events };
    }
    const before: Record<string, Snapshot | null> = {};
    const after: Record<string, Snapshot | null> = {};
    for (const [name, entry] of Object.entries(providers)) {
      if (entry.snapshot !== null && entry.snapshot === prev?.manifest.providers[name]?.snapshot)
        continue; // the same bytes: nothing changed
      before[name] = prev?.snapshots[name] ?? null;
      after[name] = snapshots[name] ?? null;
    }
    const changes = [
      ...epochChanges(prev === null ? null : before, after),
      ...(prev === null || draft.registry !== undefined
        ? identityChanges(prev?.registry ?? null, registry)
        : []),
      ...(prev === null || draft.benchmarks !== undefined
        ? driftChanges(prev?.benchmarks ?? null, benchmarks)
        : []),
    ];
    const quiet = prev?.manifest.history_quiet ?? [];
    if (
      prev !== null &&
      head.kind === "ok" &&
      typeof prev.manifest.history === "string" &&
      added.length === 0 &&
      changes.length === 0 &&
      quiet.length < QUIET_EPOCHS_MAX
    ) {
      // Nothing changed: the head stays, the manifest names this epoch as a quiet one.
      return { hash: prev.manifest.history, quiet: [...quiet, epochId], events };
    }
    added.push(historyEntry(epochId, sortChanges(changes), prev === null));
    const { hash } = await extendHistory(
      this.stateDir,
      head.kind === "ok" ? head.head : null,
      added,
      this.fence,
    );
    return { hash, events };
  }

  /**
   * Flips current_epoch.json to `epoch`: the one in-place replacement in the contract. It is a
   * compare-and-swap: right before the rename the writer proves it holds the lock and that the
   * pointer still names the epoch it started from; otherwise it throws and replaces nothing.
   * On the mirror of a remote state, a commit (`publish`) is published first, and the remote
   * pointer's replacement is the commit point (storage/remote-state.ts).
   */
  async writePointer(
    epoch: LoadedEpoch,
    publish?: { manifestBytes: string | Uint8Array; events: readonly ObsEvent[] },
  ): Promise<void> {
    const pointer: Pointer = {
      schema: "observatory.pointer/1",
      epoch_id: epoch.epochId,
      manifest_hash: epoch.manifestHash,
      updated_at: this.now().toISOString(),
    };
    const expected = this.expectedPointer;
    const text = `${JSON.stringify(pointer)}\n`;
    const remote = publish ? remoteFor(this.stateDir) : undefined;
    const compareAndFence = async () => {
      await compare();
      if (remote && publish) {
        await remote.publishCommit({
          manifest: epoch.manifest,
          manifestBytes: publish.manifestBytes,
          events: publish.events,
          pointerBytes: Buffer.from(text),
        });
        // Committed in the bucket: the local rename follows whatever happens to the lock.
      }
    };
    const compare = async () => {
      await this.fence();
      const onDisk = await readPointer(this.stateDir);
      const found = onDisk.kind === "ok" ? onDisk.pointer : null;
      // An unreadable pointer is one recovery found and this writer is repairing.
      if (onDisk.kind === "bad" && expected === null) return;
      if (
        found?.epoch_id === expected?.epoch_id &&
        found?.manifest_hash === expected?.manifest_hash
      )
        return;
      throw pointerMoved(found?.epoch_id ?? null, epoch.epochId);
    };
    await atomicWriteFile(pointerPath(this.stateDir), text, compareAndFence);
    this.expectedPointer = { epoch_id: pointer.epoch_id, manifest_hash: pointer.manifest_hash };
  }

  /**
   * The pointer moved under a writer that still holds the lock (something wrote it without the
   * lock): this writer's own manifest is marked aborted and the loss recorded, so its events are
   * never read as committed. Nothing of the other epoch is touched.
   */
  private async abandon(epochId: string, why: ObsError): Promise<void> {
    try {
      await this.fence();
      await rename(
        manifestPath(this.stateDir, epochId),
        join(epochsDir(this.stateDir), `${epochId}${ABORTED_SUFFIX}`),
      );
      const onDisk = await readPointer(this.stateDir);
      const at = onDisk.kind === "ok" ? onDisk.pointer.epoch_id : null;
      await this.fence();
      await appendEvents(
        this.stateDir,
        stamp(
          [
            {
              type: "EPOCH_ABORTED",
              severity: "WARN",
              aborted_epoch_id: epochId,
              reason: why.message,
            },
          ],
          at,
          this.now(),
        ),
        this.appendOptions(),
      );
    } catch {
      // Lost the lock too: the writer that holds it now records the abort on its next open.
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.lock.release();
  }
}

function pointerMoved(found: string | null, mine: string): ObsError {
  return new ObsError(
    "POINTER_MOVED",
    `another writer committed ${found ?? "a change to the pointer"} while this run was working; this run's epoch ${mine} was not committed`,
    {
      hint: "the other writer's epoch stands; run again to measure on top of it",
      exitCode: ExitCode.LOCKED,
    },
  );
}

function historyEntry(e: string, changes: HistoryChange[], baseline: boolean): HistoryEntry {
  return {
    e,
    ...(baseline ? { b: true as const } : {}),
    ...(changes.length > 0 ? { c: changes } : {}),
  };
}

function stamp(drafts: readonly EventDraft[], epochId: string | null, now: Date): ObsEvent[] {
  const ts = now.toISOString();
  return drafts.map((d) => ({ v: 2, epoch_id: epochId, ts, ...d }) as ObsEvent);
}

/** A whole number >= min from an environment variable; undefined when unset. */
function envInt(name: string, min: number, example: string): number | undefined {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min) {
    throw new ObsError(
      "USAGE",
      `${name} must be a whole number >= ${min}, got ${JSON.stringify(raw)}`,
      {
        hint: `e.g. ${name}=${example}; unset it for the default`,
        exitCode: ExitCode.USAGE,
      },
    );
  }
  return n;
}
