// Writer-side recovery, run under the instance lock before anything else: remove stray temp
// files, quarantine what failed to verify, repair the pointer, and record epochs whose commit
// never reached the pointer flip as aborted. Every removal and rename is fenced, and it never
// renames the manifest the pointer names or an older one: those were committed.
import { readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { eventLogFiles } from "../events/log.js";
import { parseEventLine } from "../events/parse-line.js";
import type { EventDraft } from "../events/schema.js";
import { linesBackwards } from "../events/tail.js";
import { historyDir } from "../history/store.js";
import { type Fence, fsyncDir, isTempFile } from "./atomic-write.js";
import { ABORTED_SUFFIX, epochsDir, locksDir, manifestPath, objectsDir } from "./layout.js";
import { quarantine } from "./quarantine.js";
import { listManifestIds, type ReadResult, readCurrentEpoch, readPointer } from "./read-epoch.js";

export interface Recovery {
  read: ReadResult;
  /** Events to log now: STATE_CORRUPT and EPOCH_ABORTED, without epoch stamps. */
  events: EventDraft[];
  tempFilesRemoved: number;
}

const noFence: Fence = async () => undefined;

export async function recoverState(
  stateDir: string,
  now: Date,
  fence: Fence = noFence,
): Promise<Recovery> {
  const tempFilesRemoved = await removeTempFiles(stateDir, fence);
  const read = await readCurrentEpoch(stateDir);
  // Still the holder after the read, so no other writer changed anything while we read.
  await fence();
  const events: EventDraft[] = [];
  const seen = new Set<string>();
  for (const p of read.problems) {
    if (seen.has(p.file)) continue;
    seen.add(p.file);
    if (p.reason !== "missing") await fence();
    const to = p.reason === "missing" ? null : await quarantine(stateDir, p.file, now);
    events.push({
      type: "STATE_CORRUPT",
      severity: "WARN",
      file: p.file,
      reason: p.reason,
      quarantined_to: to,
    });
  }

  // Everything up to the epoch a readable pointer names was committed, even when damage made
  // readers fall back past it: those epochs are damaged, not aborted, and their events stay
  // committed history. Only without a pointer is the fallback epoch the best evidence.
  const boundary = newest(read.pointer?.epoch_id ?? null, read.epoch?.epochId ?? null);
  const aborted = new Map<string, string>();
  for (const id of await listManifestIds(stateDir)) {
    if (boundary !== null && id <= boundary) continue;
    await fence();
    if (await committedByPointer(stateDir, id)) continue;
    await rename(
      manifestPath(stateDir, id),
      join(epochsDir(stateDir), `${id}${ABORTED_SUFFIX}`),
    ).catch(() => undefined);
    aborted.set(id, "manifest written but the pointer never named it");
  }
  for (const id of await uncommittedEventEpochs(stateDir, boundary)) {
    if (!aborted.has(id)) aborted.set(id, "events logged but the pointer never named the epoch");
  }
  if (aborted.size > 0) await fsyncDir(epochsDir(stateDir)).catch(() => undefined);
  for (const [id, reason] of [...aborted].sort()) {
    if (await committedByPointer(stateDir, id)) continue;
    events.push({ type: "EPOCH_ABORTED", severity: "WARN", aborted_epoch_id: id, reason });
  }
  return { read, events, tempFilesRemoved };
}

/** Belt and braces under the fence: the epoch the pointer names now, and every older one, was
 * committed, whatever an earlier read of the directory suggested. */
async function committedByPointer(stateDir: string, id: string): Promise<boolean> {
  const p = await readPointer(stateDir);
  return p.kind === "ok" && id <= p.pointer.epoch_id;
}

function newest(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a > b ? a : b;
}

/** Epoch ids in the newest part of the log that are newer than the committed epoch. */
async function uncommittedEventEpochs(
  stateDir: string,
  boundary: string | null,
): Promise<Set<string>> {
  const ids = new Set<string>();
  const files = await eventLogFiles(stateDir);
  const newest = files[files.length - 1];
  if (newest === undefined) return ids;
  const known = new Set<string>();
  for await (const line of linesBackwards(newest)) {
    const parsed = parseEventLine(line);
    if (parsed.kind !== "event") continue;
    const e = parsed.event;
    // An earlier recovery already recorded these (it is logged after the events it cancels).
    if (e.type === "EPOCH_ABORTED") known.add(e.aborted_epoch_id);
    if (e.epoch_id === null) continue;
    // Events are appended in epoch order: once we reach committed ones, nothing older is pending.
    if (boundary !== null && e.epoch_id <= boundary) break;
    if (!known.has(e.epoch_id)) ids.add(e.epoch_id);
  }
  return ids;
}

async function removeTempFiles(stateDir: string, fence: Fence): Promise<number> {
  let removed = 0;
  for (const dir of [
    stateDir,
    epochsDir(stateDir),
    objectsDir(stateDir),
    locksDir(stateDir),
    historyDir(stateDir),
  ]) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!isTempFile(name)) continue;
      await fence();
      // Directories too: a dead holder's lock directory moved aside before its removal.
      await rm(join(dir, name), { recursive: true, force: true }).catch(() => undefined);
      removed++;
    }
  }
  return removed;
}
