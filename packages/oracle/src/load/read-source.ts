// Reads one committed epoch: pointer -> manifest -> routing index (or, in epochs without one,
// the registry and benchmark store), every hash verified, never the event log. The common case
// takes a short path that reads the routing index and hash-checks the snapshot objects without
// parsing them (the index already says which models each snapshot lists); anything unusual (no pointer, a hash mismatch, a file pruned under us, no registry)
// goes through core's readCurrentEpoch, which owns retry and fallback to the last good epoch.
import { readFile } from "node:fs/promises";
import {
  layout,
  type Manifest,
  ManifestSchema,
  type Pointer,
  readCurrentEpoch,
  readObject,
  readPointer,
  type Snapshot,
  type StateProblem,
  sha256Hex,
} from "@observatory/core";
import { noEpoch, stateUnusable } from "../errors.js";

export interface EpochSource {
  epochId: string;
  manifestHash: string;
  manifest: Manifest;
  /** The pointer as read, to tell later whether it moved. */
  pointer: Pick<Pointer, "epoch_id" | "manifest_hash"> | null;
  /** The epoch's routing index; when null, models come from `registry` and `benchmarks`. */
  routing: unknown;
  registry: unknown;
  benchmarks: unknown;
  /** Parsed snapshots, only when the epoch has no registry (models then come from them). */
  snapshots: Record<string, Snapshot | null> | null;
  fellBack: boolean;
  problems: StateProblem[];
}

export async function readSource(stateDir: string): Promise<EpochSource> {
  const ptr = await readPointer(stateDir);
  if (ptr.kind === "ok") {
    const fast = await readShort(stateDir, ptr.pointer);
    if (fast !== null) return fast;
  }
  const r = await readCurrentEpoch(stateDir);
  if (r.epoch === null) {
    throw r.problems.length === 0 ? noEpoch(stateDir) : stateUnusable(stateDir, r.problems);
  }
  const e = r.epoch;
  return {
    epochId: e.epochId,
    manifestHash: e.manifestHash,
    manifest: e.manifest,
    pointer: r.pointer,
    routing: null,
    registry: e.registry,
    benchmarks: e.benchmarks,
    snapshots: e.registry === null ? e.snapshots : null,
    fellBack: r.fellBack,
    problems: r.problems,
  };
}

/** The short path; null whenever anything is off, so the full reader decides. */
async function readShort(stateDir: string, pointer: Pointer): Promise<EpochSource | null> {
  const bytes = await readFile(layout.manifestPath(stateDir, pointer.epoch_id)).catch(() => null);
  if (bytes === null || sha256Hex(bytes) !== pointer.manifest_hash) return null;
  let manifest: Manifest;
  try {
    const m = ManifestSchema.safeParse(JSON.parse(bytes.toString("utf8")));
    if (!m.success || m.data.epoch_id !== pointer.epoch_id) return null;
    manifest = m.data;
  } catch {
    return null;
  }
  if (manifest.registry === null) return null;
  const snapshotHashes = Object.values(manifest.providers).flatMap((p) =>
    p.snapshot === null ? [] : [p.snapshot],
  );
  // With a routing index that is all the epoch's data the oracle reads; without one (an epoch
  // written before it existed), the registry and the benchmark store.
  const read = (hash: string | null | undefined) => (hash ? readObject(stateDir, hash) : null);
  const [verified, ...objects] = await Promise.all([
    Promise.all(snapshotHashes.map((h) => hashMatches(layout.objectPath(stateDir, h), h))),
    read(manifest.routing),
    manifest.routing ? null : read(manifest.registry),
    manifest.routing ? null : read(manifest.benchmarks),
  ]);
  if (verified.includes(false) || objects.some((o) => o !== null && !o.ok)) return null;
  const [routing, registry, benchmarks] = objects.map((o) => (o?.ok ? o.value : null));
  return {
    epochId: pointer.epoch_id,
    manifestHash: pointer.manifest_hash,
    manifest,
    pointer,
    routing,
    registry,
    benchmarks,
    snapshots: null,
    fellBack: false,
    problems: [],
  };
}

async function hashMatches(path: string, hash: string): Promise<boolean> {
  const buf = await readFile(path).catch(() => null);
  return buf !== null && sha256Hex(buf) === hash;
}
