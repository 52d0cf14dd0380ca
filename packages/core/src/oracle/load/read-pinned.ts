// Reads one past epoch for open({ epoch }) or open({ at }): the epoch named, or the one current at
// a time, verified as the current one is (core's loadEpoch: the manifest against the hash its
// child or the pointer names, every object against its own), never replaced by another. Loaded
// only when open() is asked for a past epoch, so the default open() never pays for it (nor for
// zod, which loadEpoch uses).
import { readFile } from "node:fs/promises";
import { ExitCode, ObsError } from "../../errors.js";
import { readHistory } from "../../history/store.js";
import { sha256Hex } from "../../state/canonical-json.js";
import { epochTime, isEpochId } from "../../state/epoch-id.js";
import { manifestPath } from "../../state/layout.js";
import { listManifestIds, loadEpoch, readCurrentEpoch } from "../../state/read-epoch.js";
import { readPointer } from "../../state/read-pointer.js";
import type { Manifest } from "../../state/schemas.js";
import { noEpoch, OracleErrorCode, optionsInvalid, stateUnusable } from "../errors.js";
import { type EpochSource, fromLoaded } from "./read-source.js";

/** Which past epoch to read: exactly one of the two. */
export interface Pin {
  epoch?: string | undefined;
  at?: Date | undefined;
}

type Stored = { hash: string; manifest: Manifest };

/** The committed epochs the directory still holds, oldest first, each manifest as stored. */
interface Retained {
  ids: string[];
  manifests: Map<string, Stored>;
  /** The current epoch and the hash the pointer names (null: the pointer could not be read). */
  current: { id: string; hash: string | null };
}

export async function readPinned(stateDir: string, pin: Pin): Promise<EpochSource> {
  const wanted = pinnedId(pin);
  const r = await retainedEpochs(stateDir);
  let id: string | undefined;
  if (wanted.epoch !== undefined) {
    id = wanted.epoch;
    if (id > r.current.id)
      throw notFound(`epoch ${id} is newer than the current epoch of ${stateDir}`, r);
  } else {
    id = await currentAt(stateDir, wanted.at, r);
  }
  if (!r.manifests.has(id)) throw await missing(stateDir, id, r);
  const load = await loadEpoch(stateDir, id, expectedHash(id, r));
  if (!load.ok) {
    // Pruned by a writer between our listing and our read.
    if (load.missing) {
      r.manifests.delete(id);
      throw await missing(stateDir, id, { ...r, ids: r.ids.filter((e) => e !== id) });
    }
    throw stateUnusable(stateDir, load.problems);
  }
  const e = load.epoch;
  return fromLoaded(e, { epoch_id: e.epochId, manifest_hash: e.manifestHash }, false, []);
}

/**
 * The retained epoch that was current at a time. The newest on disk at or before it is that
 * epoch unless its successor was pruned (an epoch an experiment lock kept): then the history
 * says which epoch followed it.
 */
async function currentAt(stateDir: string, at: Date, r: Retained): Promise<string> {
  const t = at.getTime();
  const before = (e: string) => epochTime(e).getTime() <= t;
  const id = r.ids.findLast(before);
  if (id === undefined) throw await beforeRetained(stateDir, at, r);
  const followed =
    id === r.current.id ||
    [...r.manifests.values()].some((m) => m.manifest.parent?.epoch_id === id);
  if (followed || (await committedIds(stateDir, r))?.findLast(before) === id) return id;
  throw pruned(stateDir, `the epoch current at ${at.toISOString()}`, r);
}

function pinnedId(pin: Pin): { epoch: string; at?: undefined } | { epoch?: undefined; at: Date } {
  const { epoch, at } = pin;
  if (epoch !== undefined && at !== undefined)
    throw optionsInvalid("bad oracle option: give epoch or at, not both");
  if (epoch !== undefined) {
    if (typeof epoch !== "string" || !isEpochId(epoch))
      throw optionsInvalid(
        `bad oracle option: epoch: expected an epoch id like 20261121T052029.123Z-0000, got ${JSON.stringify(epoch)}`,
      );
    return { epoch };
  }
  if (!(at instanceof Date) || Number.isNaN(at.getTime()))
    throw optionsInvalid(`bad oracle option: at: expected a valid Date, got ${String(at)}`);
  return { at };
}

/**
 * Manifests up to the current epoch (a newer one may be a commit that never finished). The
 * pointer says which epoch is current; only without a readable one does core's full reader.
 */
async function retainedEpochs(stateDir: string): Promise<Retained> {
  const ptr = await readPointer(stateDir);
  let current: Retained["current"];
  if (ptr.kind === "ok") {
    current = { id: ptr.pointer.epoch_id, hash: ptr.pointer.manifest_hash };
  } else {
    const r = await readCurrentEpoch(stateDir);
    if (r.epoch === null)
      throw r.problems.length === 0 ? noEpoch(stateDir) : stateUnusable(stateDir, r.problems);
    current = { id: r.epoch.epochId, hash: r.epoch.manifestHash };
  }
  const ids = (await listManifestIds(stateDir)).filter((e) => e <= current.id).reverse();
  const manifests = new Map<string, Stored>();
  for (const id of ids) {
    const m = await storedManifest(stateDir, id);
    if (m !== null) manifests.set(id, m);
  }
  return { ids: ids.filter((id) => manifests.has(id)), manifests, current };
}

/** A manifest's bytes as parsed JSON and their hash; loadEpoch verifies the one it opens. */
async function storedManifest(stateDir: string, id: string): Promise<Stored | null> {
  try {
    const bytes = await readFile(manifestPath(stateDir, id));
    const manifest = JSON.parse(bytes.toString("utf8")) as unknown;
    if (typeof manifest !== "object" || manifest === null) return null;
    return { hash: sha256Hex(bytes), manifest: manifest as Manifest };
  } catch {
    return null;
  }
}

/**
 * The hash the epoch's manifest must have: the pointer's for the current epoch, else the one a
 * retained manifest names as its parent. null (its own objects verify it) for an epoch an
 * experiment lock kept after its child was pruned, as core's fallback reads such epochs.
 */
function expectedHash(id: string, r: Retained): string | null {
  if (id === r.current.id) return r.current.hash;
  for (const { manifest } of r.manifests.values())
    if (manifest.parent?.epoch_id === id) return manifest.parent.manifest_hash;
  return null;
}

/**
 * "2 epochs retained, A .. B", plus any older epoch an experiment lock keeps apart from them:
 * the retained run is the chain of parents back from the current epoch.
 */
function range(r: Retained): string {
  const chain: string[] = [];
  for (let id: string | undefined = r.current.id; id !== undefined && r.manifests.has(id); ) {
    chain.unshift(id);
    id = r.manifests.get(id)?.manifest.parent?.epoch_id;
  }
  const n = chain.length;
  const run =
    n === 0
      ? "no epoch retained"
      : `${n} epoch${n === 1 ? "" : "s"} retained, ${chain[0]} .. ${chain[n - 1]}`;
  const locked = r.ids.filter((id) => !chain.includes(id));
  return locked.length === 0 ? run : `${run}, and ${locked.join(", ")} kept by experiment locks`;
}

function pruned(stateDir: string, what: string, r: Retained): ObsError {
  return new ObsError(
    OracleErrorCode.EPOCH_PRUNED,
    `${what} was pruned by retention (${stateDir}: ${range(r)})`,
    {
      hint: "its models are still in the model history: oracle.history(model), oracle.valueAt(model, field, at) and oracle.diff(a, b) answer for any point since the history began; an experiment lock (obs-lock) keeps an epoch openable",
      exitCode: ExitCode.NOT_FOUND,
    },
  );
}

function notFound(message: string, r: Retained): ObsError {
  return new ObsError(OracleErrorCode.EPOCH_NOT_FOUND, message, {
    hint: `open one of the epochs on disk (${range(r)}), or a time since the first of them`,
    exitCode: ExitCode.NOT_FOUND,
  });
}

/** The epoch ids the current epoch's history knows were committed; null when it has none. */
async function committedIds(stateDir: string, r: Retained): Promise<string[] | null> {
  const current = r.manifests.get(r.current.id);
  if (current === undefined || (r.current.hash !== null && current.hash !== r.current.hash))
    return null;
  const h = await readHistory(stateDir, current.manifest);
  return h.present && h.problems.length === 0 ? h.entries.map((e) => e.e) : null;
}

/** An epoch id not on disk: pruned (the history knows it, or it is older than what is kept), or
 * never committed. */
async function missing(stateDir: string, id: string, r: Retained): Promise<ObsError> {
  const known = await committedIds(stateDir, r);
  const older = r.ids.length > 0 && id < r.ids[0]!;
  if (known?.includes(id) || (known === null && older)) return pruned(stateDir, `epoch ${id}`, r);
  return notFound(`epoch ${id} was never committed in ${stateDir}`, r);
}

async function beforeRetained(stateDir: string, at: Date, r: Retained): Promise<ObsError> {
  const first = (await committedIds(stateDir, r))?.[0];
  const when = at.toISOString();
  if (first !== undefined && epochTime(first).getTime() > at.getTime())
    return notFound(
      `no epoch was current at ${when}: the state's first is ${first} (${epochTime(first).toISOString()})`,
      r,
    );
  return pruned(stateDir, `the epoch current at ${when}`, r);
}
