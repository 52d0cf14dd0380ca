// Reads the newest events without loading the log: chunks from the end of each file backwards.
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { eventLogFiles } from "./log.js";
import { parseEventLine } from "./parse-line.js";
import type { ObsEvent } from "./schema.js";

const CHUNK = 64 * 1024;

export interface TailOptions {
  /** Only events of committed epochs (at or before this epoch, not aborted). */
  committedThrough?: string | null;
  filter?: (e: ObsEvent) => boolean;
}

/** The newest `limit` matching events, newest first. Cost grows with `limit`, not the log size. */
export async function tailEvents(
  stateDir: string,
  limit: number,
  options: TailOptions = {},
): Promise<ObsEvent[]> {
  const out: ObsEvent[] = [];
  if (limit <= 0) return out;
  const aborted = new Set<string>();
  const through = options.committedThrough;
  const files = (await eventLogFiles(stateDir)).reverse();
  for (const file of files) {
    for await (const line of linesBackwards(file)) {
      const parsed = parseEventLine(line);
      if (parsed.kind !== "event") continue;
      const e = parsed.event;
      if (through !== undefined) {
        if (e.epoch_id !== null && (through === null || e.epoch_id > through)) continue;
        // EPOCH_ABORTED is appended after the events it cancels, so going backwards it comes first.
        if (e.type === "EPOCH_ABORTED") aborted.add(e.aborted_epoch_id);
        if (e.epoch_id !== null && aborted.has(e.epoch_id)) continue;
      }
      if (options.filter && !options.filter(e)) continue;
      out.push(e);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** Yields the lines of a file from last to first, reading fixed-size chunks from the end. */
export async function* linesBackwards(path: string): AsyncGenerator<string> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(path, constants.O_RDONLY);
  } catch {
    return;
  }
  try {
    let pos = (await fh.stat()).size;
    let carry: Buffer = Buffer.alloc(0);
    while (pos > 0) {
      const len = Math.min(CHUNK, pos);
      pos -= len;
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, pos);
      let data = Buffer.concat([buf, carry]);
      let nl = data.lastIndexOf(0x0a);
      while (nl !== -1) {
        const line = data.subarray(nl + 1).toString("utf8");
        if (line.trim() !== "") yield line;
        data = data.subarray(0, nl);
        nl = data.lastIndexOf(0x0a);
      }
      carry = data;
    }
    const first = carry.toString("utf8");
    if (first.trim() !== "") yield first;
  } finally {
    await fh.close();
  }
}
