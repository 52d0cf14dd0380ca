// Reading and extending the history. The writer extends it inside the commit: a sealed segment
// (when the head's entries pass SEAL_BYTES) and the new head are written, fenced, before the
// manifest that names the head, so a crash leaves at most an unreferenced file behind.
import { join } from "node:path";
import { atomicWriteFile, ensureDir, type Fence } from "../state/atomic-write.js";
import { canonicalJson, sha256Hex } from "../state/canonical-json.js";
import { putObject, readObject, readVerified, readVerifiedBytes } from "../state/objects.js";
import type { Manifest } from "../state/schemas.js";
import { isEntry, isHead } from "./check.js";
import { namingModels, scanSegment } from "./scan.js";
import type { HistoryEntry, HistoryHead, HistorySegment, HistorySegmentRef } from "./schema.js";

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
  return { kind: "ok", head: withQuiet(r.value, manifest.history_quiet), hash };
}

/** The head with the manifest's quiet epochs as its last entries (each with no changes): the
 * history as of that manifest. The stored head is `hash`; this one is what readers read and what
 * a writer extends. */
export function withQuiet(head: HistoryHead, quiet: readonly string[] | undefined): HistoryHead {
  if (quiet === undefined || quiet.length === 0) return head;
  return { ...head, entries: [...head.entries, ...quiet.map((e) => ({ e }))] };
}

export interface HistoryRead {
  /** Every entry, oldest first (read for some models: only those naming them); what a damaged
   * segment held is missing (see problems). */
  entries: HistoryEntry[];
  /** How many epochs the entries read cover (entries.length, unless read for some models). */
  epochs: number;
  problems: HistoryProblem[];
  /** False when the manifest names no history (written before it existed). */
  present: boolean;
}

export interface ReadOptions {
  /** Only the entries that change these models, with only their changes. Each segment is still
   * read whole and verified against its hash, but only those entries are parsed. */
  models?: ReadonlySet<string>;
}

/** The history up to a manifest's epoch, every segment verified against its hash. */
export async function readHistory(
  stateDir: string,
  manifest: Manifest,
  options: ReadOptions = {},
): Promise<HistoryRead> {
  const head = await readHistoryHead(stateDir, manifest);
  if (head.kind === "none") return { entries: [], epochs: 0, problems: [], present: false };
  if (head.kind === "bad")
    return { entries: [], epochs: 0, problems: [head.problem], present: true };
  const { models } = options;
  const entries: HistoryEntry[] = [];
  const problems: HistoryProblem[] = [];
  let epochs = head.head.entries.length;
  for (const ref of head.head.segments) {
    const r = await readSegment(stateDir, ref, models);
    if (!r.ok) {
      problems.push(r.problem);
      continue;
    }
    for (const e of r.entries) entries.push(e);
    epochs += ref.entries;
  }
  entries.push(...(models ? namingModels(head.head.entries, models) : head.head.entries));
  return { entries, epochs: models ? epochs : entries.length, problems, present: true };
}

type SegmentRead =
  | { ok: true; entries: readonly HistoryEntry[] }
  | { ok: false; problem: HistoryProblem };

async function readSegment(
  stateDir: string,
  ref: HistorySegmentRef,
  models: ReadonlySet<string> | undefined,
): Promise<SegmentRead> {
  const file = `${HISTORY_DIR}/${ref.hash}.json`;
  const bad = (reason: string): SegmentRead => ({ ok: false, problem: { file, reason } });
  const r = await readVerifiedBytes(segmentPath(stateDir, ref.hash), ref.hash);
  if (!r.ok) return bad(`history segment ${ref.first}..${ref.last} ${r.reason}`);
  const text = r.bytes.toString("utf8");
  const scanned = models ? scanSegment(text, models) : null;
  if (scanned !== null) return { ok: true, entries: scanned };
  let segment: { schema?: unknown; entries?: unknown };
  try {
    segment = JSON.parse(text);
  } catch {
    return bad(`history segment ${ref.first}..${ref.last} not valid JSON`);
  }
  // The bytes hashed to the name the head holds; the shape is checked by hand (check.ts).
  if (
    segment === null ||
    typeof segment !== "object" ||
    segment.schema !== "observatory.history-segment/1" ||
    !Array.isArray(segment.entries) ||
    segment.entries.length === 0 ||
    !segment.entries.every(isEntry)
  )
    return bad("history segment does not match its schema");
  const all = segment.entries as HistoryEntry[];
  return { ok: true, entries: models ? namingModels(all, models) : all };
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
