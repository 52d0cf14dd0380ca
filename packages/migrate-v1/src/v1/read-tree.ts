// Reads a v1 state tree (the live directory for --dry-run, the verified backup for a real run)
// into parsed, validated parts. Never throws on bad content: a file that does not parse or has
// the wrong shape is listed as corrupt, and the rest is read as usual.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { PointerSchema, parseEventLine } from "@observatory/core";
import { z } from "zod";
import {
  type V1Capability,
  V1CapabilitySchema,
  type V1Lock,
  V1LockSchema,
  V1PointerSchema,
  type V1Snapshot,
  V1SnapshotSchema,
} from "./formats.js";

export const SNAPSHOT_SUFFIX = "_snapshot_latest.json";
export const REGISTRY_FILE = "capability_registry.json";
export const BENCHMARK_FILE = "benchmark_hashes.json";
export const V1_LOCKS_DIR = "experiment_locks";
export const POINTER_FILE = "current_epoch.json";
export const EVENTS_FILE = "events.jsonl";

export interface CorruptFile {
  /** Path relative to the tree's root. */
  file: string;
  reason: string;
}

export interface V1Tree {
  /** Every *_snapshot_latest.json in file-name order with its parsed JSON (null: unreadable):
   * exactly what v1's lock hashing iterated over. */
  rawSnapshots: Array<{ file: string; json: unknown }>;
  snapshots: Array<{ file: string; provider: string; snapshot: V1Snapshot }>;
  registry: { file: string; entries: V1Capability[]; skipped: number } | null;
  benchmarks: { file: string; data: Record<string, unknown> } | null;
  locks: Array<{ file: string; lock: V1Lock }>;
  corrupt: CorruptFile[];
  /** The seed's own current_epoch.json (not a v2 pointer), when present. */
  pointer: string | null;
  /** Other v1-era files (the seed's epoch manifests and epoch-stamped snapshots). */
  others: string[];
  events: { legacy: number; v2: number; invalid: number } | null;
  /** The listings the v1 log recorded (MODEL_ADDED / MODEL_REMOVED lines), in log order: what
   * seeds the model history before epoch 0. */
  listings: V1Listing[];
}

export interface V1Listing {
  /** The v1 line's timestamp, as milliseconds since the epoch. */
  at: number;
  provider: string;
  model: string;
  listed: boolean;
}

type Read = { ok: true; json: unknown } | { ok: false; reason: string };

async function readJson(path: string): Promise<Read> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    return { ok: false, reason: `unreadable (${(e as NodeJS.ErrnoException).code})` };
  }
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return { ok: false, reason: "not valid JSON" };
  }
}

/** Is `name` (a top-level entry) one of the files v1 wrote? */
export function isV1Artifact(name: string): boolean {
  return (
    name.endsWith(SNAPSHOT_SUFFIX) ||
    name === REGISTRY_FILE ||
    name === BENCHMARK_FILE ||
    name === V1_LOCKS_DIR ||
    isSeedEpochFile(name)
  );
}

/** The seed's epoch files: epoch_manifest_<id>.json and <provider>_snapshot_<id>.json. */
export function isSeedEpochFile(name: string): boolean {
  return (
    /^epoch_manifest_.+\.json$/.test(name) || /^.+_snapshot_(?!latest\.json$).+\.json$/.test(name)
  );
}

/** Is this current_epoch.json text a v1-era pointer (valid JSON, not a v2 pointer)? */
export function isV1PointerText(text: string): boolean {
  try {
    const json: unknown = JSON.parse(text);
    return !PointerSchema.safeParse(json).success && V1PointerSchema.safeParse(json).success;
  } catch {
    return false;
  }
}

const objectSchema = z.record(z.string(), z.unknown());

export async function readV1Tree(root: string): Promise<V1Tree> {
  const tree: V1Tree = {
    rawSnapshots: [],
    snapshots: [],
    registry: null,
    benchmarks: null,
    locks: [],
    corrupt: [],
    pointer: null,
    others: [],
    events: null,
    listings: [],
  };
  const names = (await readdir(root).catch(() => [] as string[])).sort();
  const shaped = async <T>(file: string, schema: z.ZodType<T>, what: string) => {
    const r = await readJson(join(root, file));
    if (!r.ok) {
      tree.corrupt.push({ file, reason: r.reason });
      return { json: null, value: null };
    }
    const parsed = schema.safeParse(r.json);
    if (!parsed.success) tree.corrupt.push({ file, reason: `not a v1 ${what}` });
    return { json: r.json, value: parsed.success ? parsed.data : null };
  };

  for (const name of names) {
    if (name.endsWith(SNAPSHOT_SUFFIX)) {
      const { json, value } = await shaped(name, V1SnapshotSchema, "snapshot (no models map)");
      tree.rawSnapshots.push({ file: name, json });
      if (value) {
        const provider = value.provider ?? name.slice(0, -SNAPSHOT_SUFFIX.length);
        tree.snapshots.push({ file: name, provider, snapshot: value });
      }
    } else if (name === REGISTRY_FILE) {
      tree.registry = await readRegistry(root, name, tree);
    } else if (name === BENCHMARK_FILE) {
      const { value } = await shaped(name, objectSchema, "benchmark store");
      if (value) tree.benchmarks = { file: name, data: value };
    } else if (name === V1_LOCKS_DIR) {
      const locks = (await readdir(join(root, name)).catch(() => [] as string[])).sort();
      for (const f of locks.filter((n) => n.endsWith(".lock.json"))) {
        const file = `${V1_LOCKS_DIR}/${f}`;
        const { value } = await shaped(file, V1LockSchema, "lock (no structural hashes)");
        if (value) tree.locks.push({ file, lock: value });
      }
    } else if (name === POINTER_FILE) {
      const text = await readFile(join(root, name), "utf8").catch(() => null);
      if (text !== null && isV1PointerText(text)) tree.pointer = name;
    } else if (isSeedEpochFile(name)) {
      tree.others.push(name);
    } else if (name === EVENTS_FILE) {
      tree.events = await countEvents(join(root, name), tree.listings);
    }
  }
  return tree;
}

async function readRegistry(root: string, file: string, tree: V1Tree): Promise<V1Tree["registry"]> {
  const r = await readJson(join(root, file));
  const top = r.ok ? objectSchema.safeParse(r.json) : null;
  if (!r.ok || !top?.success) {
    tree.corrupt.push({ file, reason: r.ok ? "not a v1 capability registry" : r.reason });
    return null;
  }
  const entries: V1Capability[] = [];
  let skipped = 0;
  // One malformed entry costs that entry, not the registry.
  for (const value of Object.values(top.data)) {
    const e = V1CapabilitySchema.safeParse(value);
    if (e.success) entries.push(e.data);
    else skipped++;
  }
  return { file, entries, skipped };
}

async function countEvents(path: string, listings: V1Listing[]): Promise<V1Tree["events"]> {
  const text = await readFile(path, "utf8").catch(() => null);
  if (text === null) return null;
  const counts = { legacy: 0, v2: 0, invalid: 0 };
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const kind = parseEventLine(line).kind;
    counts[kind === "event" ? "v2" : kind]++;
    if (kind === "legacy") {
      const listing = v1Listing(line);
      if (listing) listings.push(listing);
    }
  }
  return counts;
}

/** A v1 ModelEvent line that says a model was listed or delisted, with a usable time. */
function v1Listing(line: string): V1Listing | null {
  const e = JSON.parse(line) as Record<string, unknown>;
  const type = e["event_type"];
  if (type !== "MODEL_ADDED" && type !== "MODEL_REMOVED") return null;
  const { timestamp, provider, model_id } = e;
  if (typeof timestamp !== "string" || typeof provider !== "string") return null;
  if (typeof model_id !== "string" || provider === "" || model_id === "") return null;
  // v1 wrote utc_now_iso(): an ISO time, with an offset or without (then UTC).
  const iso = /(Z|[+-]\d{2}:?\d{2})$/.test(timestamp) ? timestamp : `${timestamp}Z`;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  return { at, provider, model: model_id, listed: type === "MODEL_ADDED" };
}
