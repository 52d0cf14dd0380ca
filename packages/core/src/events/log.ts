// events.jsonl: the append-only audit log. Appends are one fsynced write per batch; reads tolerate
// a torn last line, v1 lines and garbage, and never load more than they need for a tail.
import { constants } from "node:fs";
import { open, readdir, readFile, rename, stat } from "node:fs/promises";
import { join } from "node:path";
import { type Fence, fsyncDir } from "../state/atomic-write.js";
import { ioStats } from "../state/io-stats.js";
import { EVENTS_FILE, eventsPath } from "../state/layout.js";
import { parseEventLine } from "./parse-line.js";
import { EventSchema, type ObsEvent } from "./schema.js";

/** Rotate events.jsonl once it is larger than this before an append. */
export const DEFAULT_MAX_EVENT_LOG_BYTES = 64 * 1024 * 1024;

const ROTATED = /^events\.(\d{8}T\d{6}\.\d{3}Z)\.jsonl$/;

export interface AppendOptions {
  maxBytes?: number;
  now?: Date;
  /** Runs before the rotation rename and before the append: a writer that lost its lock
   * appends nothing. */
  fence?: Fence;
}

/** Appends validated events as one write, fsynced. Repairs a torn last line by starting anew. */
export async function appendEvents(
  stateDir: string,
  events: readonly ObsEvent[],
  options: AppendOptions = {},
): Promise<void> {
  if (events.length === 0) return;
  const body = events.map((e) => `${JSON.stringify(EventSchema.parse(e))}\n`).join("");
  const path = eventsPath(stateDir);
  const size = await fileSize(path);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_EVENT_LOG_BYTES;
  let created = size === null;
  if (size !== null && size > 0 && size + Buffer.byteLength(body) > maxBytes) {
    const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/g, "");
    await options.fence?.();
    await rename(path, join(stateDir, `events.${stamp}.jsonl`));
    created = true;
  }
  await options.fence?.();
  const fh = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o644);
  try {
    const st = await fh.stat();
    let prefix = "";
    if (st.size > 0) {
      const last = Buffer.alloc(1);
      const rfh = await open(path, constants.O_RDONLY);
      try {
        await rfh.read(last, 0, 1, st.size - 1);
      } finally {
        await rfh.close();
      }
      // A crash mid-append left a partial line: end it so the new records parse on their own.
      if (last[0] !== 0x0a) prefix = "\n";
    }
    const data = prefix + body;
    await fh.write(data);
    await fh.sync();
    ioStats.fsyncs++;
    ioStats.bytesWritten += Buffer.byteLength(data);
  } finally {
    await fh.close();
  }
  if (created) await fsyncDir(stateDir);
}

async function fileSize(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/** The log files oldest first: rotated ones by their stamp, then events.jsonl. */
export async function eventLogFiles(stateDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(stateDir);
  } catch {
    return [];
  }
  const rotated = names.filter((n) => ROTATED.test(n)).sort();
  const files = rotated.map((n) => join(stateDir, n));
  if (names.includes(EVENTS_FILE)) files.push(join(stateDir, EVENTS_FILE));
  return files;
}

export interface EventReadReport {
  events: ObsEvent[];
  /** Lines from a v1 log (kept as they are by migration), not part of the v2 taxonomy. */
  legacy: number;
  /** Lines that are neither v2 events nor v1 lines: garbage or a torn write. */
  invalid: number;
}

export interface ReadEventsOptions {
  /** Only events of committed epochs: at or before this epoch and not aborted. */
  committedThrough?: string | null;
  /** Read rotated logs too (default true). */
  includeRotated?: boolean;
}

/** Reads the whole log, oldest first. For large logs prefer tailEvents. */
export async function readEvents(
  stateDir: string,
  options: ReadEventsOptions = {},
): Promise<EventReadReport> {
  const files = await eventLogFiles(stateDir);
  const chosen = options.includeRotated === false ? files.slice(-1) : files;
  const report: EventReadReport = { events: [], legacy: 0, invalid: 0 };
  for (const file of chosen) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      const parsed = parseEventLine(line);
      if (parsed.kind === "event") report.events.push(parsed.event);
      else report[parsed.kind]++;
    }
  }
  if (options.committedThrough !== undefined) {
    report.events = filterCommitted(report.events, options.committedThrough);
  }
  return report;
}

/** Drops events of epochs that were never committed: newer than the pointer, or aborted. */
export function filterCommitted(events: readonly ObsEvent[], through: string | null): ObsEvent[] {
  const aborted = new Set<string>();
  for (const e of events) {
    if (e.type === "EPOCH_ABORTED" && isAtOrBefore(e.epoch_id, through)) {
      aborted.add(e.aborted_epoch_id);
    }
  }
  return events.filter(
    (e) => isAtOrBefore(e.epoch_id, through) && (e.epoch_id === null || !aborted.has(e.epoch_id)),
  );
}

function isAtOrBefore(epochId: string | null, through: string | null): boolean {
  if (epochId === null) return true;
  return through !== null && epochId <= through;
}
