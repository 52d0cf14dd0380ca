// Everything the panels show, read from one committed epoch: its manifest and snapshots, the
// oracle's view of every model, the benchmark store, the events committed up to it, and the
// experiment locks checked against it. Plain data: panels are pure functions of a World.
import {
  type BenchmarkStore,
  BenchmarkStoreSchema,
  type LoadedEpoch,
  type Manifest,
  type ObsEvent,
  type Snapshot,
  type StateProblem,
} from "@observatory/core";
import { type ModelRow, modelRows } from "./models.js";
import { readEpoch } from "./read-epoch.js";
import { readEvents } from "./read-events.js";
import { type LockView, readLocks } from "./read-locks.js";

export interface EpochFacts {
  id: string;
  manifestHash: string;
  createdAt: string;
  createdAtMs: number;
  /** The epoch the pointer names; differs from `id` when the reader fell back. */
  pointerEpochId: string | null;
  fellBack: boolean;
  problems: StateProblem[];
  writer: string;
}

export interface World {
  stateDir: string;
  epoch: EpochFacts;
  manifest: Manifest;
  snapshots: Record<string, Snapshot | null>;
  /** Every model the epoch knows (listed or not), sorted by key, with the oracle's health. */
  models: ModelRow[];
  /** The benchmark store; null when the epoch has none (never benchmarked). */
  benchmarks: BenchmarkStore | null;
  /** Newest first, committed through this epoch. */
  events: ObsEvent[];
  locks: LockView[];
  /** Problems that do not stop the epoch from being shown (a lock dir, a store's shape). */
  notes: string[];
  /** The epoch as core loaded it, to check locks against it again when only they change. */
  loaded: LoadedEpoch;
}

export interface LoadOptions {
  now?: () => Date;
}

export async function loadWorld(stateDir: string, options: LoadOptions = {}): Promise<World> {
  const now = options.now ?? (() => new Date());
  const read = await readEpoch(stateDir, now);
  const { epoch } = read;
  const notes: string[] = [];
  if (read.oracleProblem) notes.push(read.oracleProblem);
  const parsed =
    epoch.benchmarks === null ? null : BenchmarkStoreSchema.safeParse(epoch.benchmarks);
  if (parsed && !parsed.success) notes.push("the benchmark store does not match its schema");
  const store = parsed?.success ? parsed.data : null;
  const [events, locks] = await Promise.all([
    readEvents(stateDir, epoch.epochId),
    readLocks(stateDir, epoch),
  ]);
  if (locks.problem) notes.push(`locks: ${locks.problem}`);
  return {
    stateDir,
    epoch: {
      id: epoch.epochId,
      manifestHash: epoch.manifestHash,
      createdAt: epoch.manifest.created_at,
      createdAtMs: Date.parse(epoch.manifest.created_at),
      pointerEpochId: read.pointer?.epoch_id ?? null,
      fellBack: read.fellBack,
      problems: read.problems,
      writer: `${epoch.manifest.writer.tool} ${epoch.manifest.writer.version}`,
    },
    manifest: epoch.manifest,
    snapshots: epoch.snapshots,
    models: modelRows(epoch, read.oracle, store),
    benchmarks: store,
    events,
    locks: locks.locks,
    notes,
    loaded: epoch,
  };
}

/**
 * The same epoch with the event log and the locks read again: what changes without a commit
 * (obs-check logging a violation, obs-lock writing a lock).
 */
export async function reloadLogAndLocks(world: World): Promise<World> {
  const [events, locks] = await Promise.all([
    readEvents(world.stateDir, world.epoch.id),
    readLocks(world.stateDir, world.loaded),
  ]);
  const notes = world.notes.filter((n) => !n.startsWith("locks: "));
  if (locks.problem) notes.push(`locks: ${locks.problem}`);
  return { ...world, events, locks: locks.locks, notes };
}
