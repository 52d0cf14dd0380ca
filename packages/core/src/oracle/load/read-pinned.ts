// Reads one past epoch for open({ epoch }) or open({ at }): the epoch named, or the one current at
// a time, verified as the current one is (core's loadEpoch: the manifest against the hash its
// child or the pointer names, every object against its own). Loaded only when open() is asked for
// a past epoch, so the default open() never pays for it (nor for zod, which loadEpoch uses).
import { readFile } from "node:fs/promises";
import { ExitCode, ObsError } from "../../errors.js";
import { readHistory } from "../../history/store.js";
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

/** The epochs the directory still holds, oldest first, and the current one's manifest. */
interface Retained {
  ids: string[];
  pointer: { epoch_id: string; manifest_hash: string } | null;
  current: Manifest;
}

export async function readPinned(stateDir: string, pin: Pin): Promise<EpochSource> {
  const wanted = pinnedId(pin);
  const retained = await retainedEpochs(stateDir);
  const { ids } = retained;
  let id: string | undefined;
  if (wanted.epoch !== undefined) {
    id = wanted.epoch;
    if (id > ids.at(-1)!)
      throw notFound(`epoch ${id} is newer than the current epoch of ${stateDir}`, retained);
  } else {
    const at = wanted.at.getTime();
    id = ids.findLast((e) => epochTime(e).getTime() <= at);
    if (id === undefined) throw await beforeRetained(stateDir, wanted.at, retained);
  }
  if (!ids.includes(id)) throw await missing(stateDir, id, retained);
  const load = await loadEpoch(stateDir, id, await expectedHash(stateDir, id, retained));
  if (!load.ok) {
    // Pruned by a writer between our listing and our read.
    if (load.missing)
      throw await missing(stateDir, id, { ...retained, ids: ids.filter((e) => e !== id) });
    throw stateUnusable(stateDir, load.problems);
  }
  const e = load.epoch;
  return fromLoaded(e, { epoch_id: e.epochId, manifest_hash: e.manifestHash }, false, []);
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

/** Manifests up to the current epoch (any newer one may be a commit that never finished). */
async function retainedEpochs(stateDir: string): Promise<Retained> {
  const current = await readCurrentEpoch(stateDir);
  if (current.epoch === null)
    throw current.problems.length === 0
      ? noEpoch(stateDir)
      : stateUnusable(stateDir, current.problems);
  const ptr = await readPointer(stateDir);
  const pointer = ptr.kind === "ok" ? ptr.pointer : null;
  const newest = pointer?.epoch_id ?? current.epoch.epochId;
  const ids = (await listManifestIds(stateDir)).filter((e) => e <= newest).reverse();
  return { ids, pointer, current: current.epoch.manifest };
}

/**
 * The hash the epoch's manifest must have: the pointer's for the current epoch, else the one the
 * next epoch's manifest names as its parent. null (the manifest is verified by its own objects
 * only) for an epoch kept by an experiment lock with its child pruned, as core's fallback does.
 */
async function expectedHash(stateDir: string, id: string, r: Retained): Promise<string | null> {
  if (r.pointer?.epoch_id === id) return r.pointer.manifest_hash;
  const child = r.ids[r.ids.indexOf(id) + 1];
  if (child === undefined) return null;
  try {
    const m = JSON.parse(await readFile(manifestPath(stateDir, child), "utf8")) as {
      parent?: { epoch_id?: unknown; manifest_hash?: unknown } | null;
    };
    const p = m.parent;
    return p?.epoch_id === id && typeof p.manifest_hash === "string" ? p.manifest_hash : null;
  } catch {
    return null;
  }
}

function range(r: Retained): string {
  const n = r.ids.length;
  return `${n} epoch${n === 1 ? "" : "s"} retained, ${r.ids[0]} .. ${r.ids.at(-1)}`;
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
    hint: `open one of the ${range(r)}, or a time since the first of them`,
    exitCode: ExitCode.NOT_FOUND,
  });
}

/** The epoch ids the history knows were committed; null when the current epoch has none. */
async function committedIds(stateDir: string, r: Retained): Promise<Set<string> | null> {
  const h = await readHistory(stateDir, r.current);
  return h.present && h.problems.length === 0 ? new Set(h.entries.map((e) => e.e)) : null;
}

/** An epoch id not on disk: pruned (the history knows it, or it is older than what is kept), or
 * never committed. */
async function missing(stateDir: string, id: string, r: Retained): Promise<ObsError> {
  const known = await committedIds(stateDir, r);
  const older = r.ids.length > 0 && id < r.ids[0]!;
  if (known?.has(id) || (known === null && older)) return pruned(stateDir, `epoch ${id}`, r);
  return notFound(`epoch ${id} was never committed in ${stateDir}`, r);
}

async function beforeRetained(stateDir: string, at: Date, r: Retained): Promise<ObsError> {
  const known = await committedIds(stateDir, r);
  const first = known === null ? undefined : [...known].sort()[0];
  const when = at.toISOString();
  if (first !== undefined && epochTime(first).getTime() > at.getTime())
    return notFound(
      `no epoch was current at ${when}: the state's first is ${first} (${epochTime(first).toISOString()})`,
      r,
    );
  return pruned(stateDir, `the epoch current at ${when}`, r);
}
