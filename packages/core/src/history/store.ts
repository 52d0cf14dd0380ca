// Reading and extending the history. The writer extends it inside the commit: a sealed segment
// (when the head's entries pass SEAL_BYTES) and the new head are written, fenced, before the
// manifest that names the head, so a crash leaves at most an unreferenced file behind.
import { join } from "node:path";
import { atomicWriteFile, ensureDir, type Fence } from "../state/atomic-write.js";
import { canonicalJson, sha256Hex } from "../state/canonical-json.js";
import { putObject, readObject, readVerified } from "../state/objects.js";
import type { Manifest } from "../state/schemas.js";
import type { HistoryEntry, HistoryHead, HistorySegment } from "./schema.js";

export const HISTORY_DIR = "history";
/** The head's entries are sealed into a segment once their canonical JSON passes this. */
export const SEAL_BYTES = 16 * 1024;

export function historyDir(stateDir: string): string {
  return join(stateDir, HISTORY_DIR);
}
export function segmentPath(stateDir: string, hash: string): string {
  return join(stateDir, HISTORY_DIR, `${hash}.json`);
}

export interface HistoryProblem {
  /** Path relative to the state directory. */
  file: string;
  reason: string;
}

export type HeadRead =
  | { kind: "none" }
  | { kind: "ok"; head: HistoryHead; hash: string }
  | { kind: "bad"; problem: HistoryProblem };

/** The head a manifest names: none (an epoch written before the history existed), or why not. */
export async function readHistoryHead(stateDir: string, manifest: Manifest): Promise<HeadRead> {
  const hash = manifest.history;
  if (hash === undefined || hash === null) return { kind: "none" };
  const file = `objects/${hash}.json`;
  const r = await readObject(stateDir, hash);
  if (!r.ok) return { kind: "bad", problem: { file, reason: `history head ${r.reason}` } };
  if (!isHead(r.value))
    return { kind: "bad", problem: { file, reason: "history head does not match its schema" } };
  return { kind: "ok", head: r.value, hash };
}

const SHA256 = /^[0-9a-f]{64}$/;

/** HistoryHeadSchema, by hand: a head holds up to a baseline of every model, which zod takes
 * several times longer to check than to read (a property test holds the two together). */
export function isHead(v: unknown): v is HistoryHead {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const { schema, segments, entries, ...rest } = v as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || schema !== "observatory.history/1") return false;
  if (!Array.isArray(segments) || !Array.isArray(entries)) return false;
  for (const ref of segments) {
    if (ref === null || typeof ref !== "object" || Array.isArray(ref)) return false;
    const { hash, first, last, entries: n, ...more } = ref as Record<string, unknown>;
    if (Object.keys(more).length > 0) return false;
    if (typeof hash !== "string" || !SHA256.test(hash)) return false;
    if (typeof first !== "string" || !EPOCH.test(first)) return false;
    if (typeof last !== "string" || !EPOCH.test(last)) return false;
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n <= 0) return false;
  }
  return entries.every(isEntry);
}

const EPOCH = /^\d{8}T\d{6}\.\d{3}Z-\d{4}$/;
const isValue = (v: unknown) =>
  v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** HistoryEntrySchema, by hand (a property test holds the two to each other). */
export function isEntry(v: unknown): v is HistoryEntry {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const { e, b, c, ...rest } = v as { e?: unknown; b?: unknown; c?: unknown };
  if (Object.keys(rest).length > 0) return false;
  if (typeof e !== "string" || !EPOCH.test(e)) return false;
  if (b !== undefined && b !== true) return false;
  if (c === undefined) return true;
  if (!Array.isArray(c)) return false;
  for (const t of c) {
    if (!Array.isArray(t) || t.length !== 4) return false;
    if (typeof t[0] !== "string" || t[0] === "" || typeof t[1] !== "string" || t[1] === "")
      return false;
    if (!isValue(t[2]) || !isValue(t[3])) return false;
  }
  return true;
}

export interface HistoryRead {
  /** Every entry, oldest first; what a damaged segment held is missing (see problems). */
  entries: HistoryEntry[];
  problems: HistoryProblem[];
  /** False when the manifest names no history (written before it existed). */
  present: boolean;
}

/** The whole history up to a manifest's epoch, every segment verified against its hash. */
export async function readHistory(stateDir: string, manifest: Manifest): Promise<HistoryRead> {
  const head = await readHistoryHead(stateDir, manifest);
  if (head.kind === "none") return { entries: [], problems: [], present: false };
  if (head.kind === "bad") return { entries: [], problems: [head.problem], present: true };
  const entries: HistoryEntry[] = [];
  const problems: HistoryProblem[] = [];
  for (const ref of head.head.segments) {
    const file = `${HISTORY_DIR}/${ref.hash}.json`;
    const r = await readVerified(segmentPath(stateDir, ref.hash), ref.hash);
    if (!r.ok) {
      problems.push({ file, reason: `history segment ${ref.first}..${ref.last} ${r.reason}` });
      continue;
    }
    // The bytes hashed to the name the head holds; the shape is checked by hand, as zod takes
    // several times longer than the read itself over a year of entries.
    const segment = r.value as { schema?: unknown; entries?: unknown };
    if (
      segment === null ||
      typeof segment !== "object" ||
      segment.schema !== "observatory.history-segment/1" ||
      !Array.isArray(segment.entries) ||
      segment.entries.length === 0 ||
      !segment.entries.every(isEntry)
    ) {
      problems.push({ file, reason: "history segment does not match its schema" });
      continue;
    }
    for (const e of segment.entries as HistoryEntry[]) entries.push(e);
  }
  entries.push(...head.head.entries);
  return { entries, problems, present: true };
}

/**
 * Writes the head that follows `prev` with `added` appended (sealing the unsealed entries first
 * when they have grown past SEAL_BYTES); returns it and its object hash. `prev` null starts a
 * history.
 */
export async function extendHistory(
  stateDir: string,
  prev: HistoryHead | null,
  added: readonly HistoryEntry[],
  fence?: Fence,
  sealBytes: number = SEAL_BYTES,
): Promise<{ hash: string; head: HistoryHead }> {
  const head: HistoryHead = {
    schema: "observatory.history/1",
    segments: [...(prev?.segments ?? [])],
    entries: [...(prev?.entries ?? [])],
  };
  if (head.entries.length > 0 && canonicalJson(head.entries).length > sealBytes) {
    const segment: HistorySegment = {
      schema: "observatory.history-segment/1",
      entries: head.entries,
    };
    const bytes = canonicalJson(segment);
    const hash = sha256Hex(bytes);
    const existing = await readVerified(segmentPath(stateDir, hash), hash);
    if (!existing.ok) {
      await ensureDir(historyDir(stateDir));
      await atomicWriteFile(segmentPath(stateDir, hash), bytes, fence);
    }
    head.segments.push({
      hash,
      first: segment.entries[0]!.e,
      last: segment.entries[segment.entries.length - 1]!.e,
      entries: segment.entries.length,
    });
    head.entries = [];
  }
  head.entries.push(...added);
  return { hash: await putObject(stateDir, head, fence), head };
}
