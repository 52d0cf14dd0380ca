// Reads one committed epoch: pointer -> manifest -> routing index (or, in epochs without one,
// the registry and benchmark store) and the snapshots, whose capability flags (what a model's
// modalities are read from) are parsed only when the index does not carry them; every hash
// verified, never the event log. The common case takes a short path; anything unusual (no
// pointer, a hash mismatch, a file pruned under us, no registry) goes through core's
// readCurrentEpoch, which owns retry and fallback to the last good epoch.
import { readFile } from "node:fs/promises";
import { sha256Hex } from "../../state/canonical-json.js";
import * as layout from "../../state/layout.js";
import { readObject } from "../../state/objects.js";
import type { LoadedEpoch, StateProblem } from "../../state/read-epoch.js";
import { readPointer } from "../../state/read-pointer.js";
import type { Manifest, Pointer, Snapshot } from "../../state/schemas.js";
import { isMirror } from "../../storage/registry.js";
import { noEpoch, stateUnusable } from "../errors.js";
import { mayNameModality } from "../model/modality.js";
import { isObj } from "./_checks.js";
import { manifestView } from "./manifest-view.js";
import { routingFormat } from "./routing-view.js";

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
  /** Each listed model's capability flags, keyed "provider/model_id" (absent: none listed);
   * empty when the routing index carries them. */
  capabilities: ReadonlyMap<string, readonly string[]>;
  fellBack: boolean;
  problems: StateProblem[];
}

export async function readSource(stateDir: string): Promise<EpochSource> {
  const ptr = await readPointer(stateDir);
  if (ptr.kind === "ok") {
    const fast = await readShort(stateDir, ptr.pointer);
    if (fast !== null) return fast;
  }
  // The full reader (zod, retries, fallback to the last good epoch) is loaded only when needed.
  const { readCurrentEpoch } = await import("../../state/read-epoch.js");
  const r = await readCurrentEpoch(stateDir);
  if (r.epoch === null) {
    throw r.problems.length === 0 ? noEpoch(stateDir) : stateUnusable(stateDir, r.problems);
  }
  return fromLoaded(r.epoch, r.pointer, r.fellBack, r.problems);
}

/** The source of an epoch core's full reader loaded (every object verified). */
export function fromLoaded(
  e: LoadedEpoch,
  pointer: EpochSource["pointer"],
  fellBack: boolean,
  problems: StateProblem[],
): EpochSource {
  return {
    epochId: e.epochId,
    manifestHash: e.manifestHash,
    manifest: e.manifest,
    pointer,
    routing: null,
    registry: e.registry,
    benchmarks: e.benchmarks,
    snapshots: e.registry === null ? e.snapshots : null,
    capabilities: capabilitiesOf(e.snapshots),
    fellBack,
    problems,
  };
}

/** The short path; null whenever anything is off, so the full reader decides. */
async function readShort(stateDir: string, pointer: Pointer): Promise<EpochSource | null> {
  const bytes = await readFile(layout.manifestPath(stateDir, pointer.epoch_id)).catch(() => null);
  if (bytes === null || sha256Hex(bytes) !== pointer.manifest_hash) return null;
  let manifest: Manifest;
  try {
    const m = manifestView(JSON.parse(bytes.toString("utf8")));
    if (m === null || m.epoch_id !== pointer.epoch_id) return null;
    manifest = m;
  } catch {
    return null;
  }
  if (manifest.registry === null) return null;
  const snapshotHashes = Object.entries(manifest.providers).flatMap(([name, p]) =>
    p.snapshot === null ? [] : [[name, p.snapshot] as const],
  );
  // With a routing index that is all the epoch's data the oracle reads (besides the snapshots'
  // flags, which the current format carries too); without one (an epoch written before it
  // existed), the registry and the benchmark store.
  const read = (hash: string | null | undefined) => (hash ? readObject(stateDir, hash) : null);
  const [verified, ...objects] = await Promise.all([
    Promise.all(snapshotHashes.map(([, h]) => verifiedBytes(layout.objectPath(stateDir, h), h))),
    read(manifest.routing),
    manifest.routing ? null : read(manifest.registry),
    manifest.routing ? null : read(manifest.benchmarks),
  ]);
  if (objects.some((o) => o !== null && !o.ok)) return null;
  const [routing, registry, benchmarks] = objects.map((o) => (o?.ok ? o.value : null));
  const indexed = routingFormat(routing) === 2;
  // The snapshots are verified whatever the index holds: an epoch is read only when intact. A
  // mirror of a bucket holds only what was read there (each file verified as it is fetched), so
  // there a snapshot not yet fetched is not a damaged one, and with an index that carries the
  // flags nothing is fetched beyond the manifest and the index.
  const lazy = indexed && isMirror(stateDir);
  if (verified.some((v) => v === "damaged" || (v === "absent" && !lazy))) return null;
  // Their flags are read only when the index does not carry them (observatory.routing/1, or none).
  let capabilities = NO_CAPABILITIES;
  if (!indexed) {
    const listed = new Map<string, readonly string[]>();
    for (let i = 0; i < snapshotHashes.length; i++) {
      const bytes = verified[i]!;
      if (typeof bytes === "string" || !listedCapabilities(snapshotHashes[i]![0], bytes, listed))
        return null;
    }
    capabilities = listed;
  }
  return {
    epochId: pointer.epoch_id,
    manifestHash: pointer.manifest_hash,
    manifest,
    pointer,
    routing,
    registry,
    benchmarks,
    snapshots: null,
    capabilities,
    fellBack: false,
    problems: [],
  };
}

const NO_CAPABILITIES: ReadonlyMap<string, readonly string[]> = new Map();

/** The file's bytes when their hash is the expected one; "absent" when there is no file. */
async function verifiedBytes(path: string, hash: string): Promise<Buffer | "absent" | "damaged"> {
  const buf = await readFile(path).catch(() => null);
  if (buf === null) return "absent";
  return sha256Hex(buf) === hash ? buf : "damaged";
}

/**
 * Adds a snapshot's capability flags to `into`; false when the bytes are not a snapshot. Checked
 * by hand, like the routing index (load/views.ts says why): only ids and flags are read, and
 * only from snapshots whose text could name a modality at all (the bytes are hash-verified).
 */
function listedCapabilities(
  provider: string,
  bytes: Buffer,
  into: Map<string, readonly string[]>,
): boolean {
  // Nothing in it could name a modality (bare ids, as most providers list): nothing to read.
  if (!mayNameModality(bytes)) return true;
  let snap: unknown;
  try {
    snap = JSON.parse(bytes.toString("utf8"));
  } catch {
    return false;
  }
  const models = isObj(snap) ? snap["models"] : undefined;
  if (!Array.isArray(models)) return false;
  for (const m of models) {
    if (!isObj(m) || typeof m["id"] !== "string") return false;
    const caps = m["capabilities"];
    if (caps === undefined) continue;
    if (!Array.isArray(caps) || !caps.every((c) => typeof c === "string")) return false;
    into.set(`${provider}/${m["id"]}`, caps);
  }
  return true;
}

function capabilitiesOf(
  snapshots: Record<string, Snapshot | null>,
): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const [provider, snap] of Object.entries(snapshots)) {
    for (const m of snap?.models ?? []) {
      if (m.capabilities) out.set(`${provider}/${m.id}`, m.capabilities);
    }
  }
  return out;
}
