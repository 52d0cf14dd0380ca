// The event log from a time on, without reading what came before it. Events are appended in time
// order, so a rotated file whose last event is older than --since is skipped whole, and in the
// first file that is not, the first line at or after --since is found by a binary search on byte
// offsets (each probe reads one line's "ts"). Cost: a few reads per file, then the answer itself.
import { constants } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { eventLogFiles, linesBackwards } from "@observatory/core";

const PROBE = 4096;
/** Below this span the search stops and the lines are read in order. */
const LINEAR = 64 * 1024;

/** The time of a log line, read without parsing the line; null for a line without one. */
export function lineTime(line: string): number | null {
  const m = /"ts":"([^"]+)"/.exec(line);
  if (!m) return null;
  const t = Date.parse(m[1]!);
  return Number.isNaN(t) ? null : t;
}

export interface LogSlice {
  file: string;
  /** Byte offset of the first line to read. */
  start: number;
}

/** Where to start reading each log file (oldest first) for events at or after `since`. */
export async function sliceFrom(stateDir: string, since: number | null): Promise<LogSlice[]> {
  const files = await eventLogFiles(stateDir);
  if (since === null) return files.map((file) => ({ file, start: 0 }));
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    if (i < files.length - 1) {
      const last = await lastTime(file);
      if (last !== null && last < since) continue;
    }
    return [
      { file, start: await firstAtOrAfter(file, since) },
      ...files.slice(i + 1).map((f) => ({ file: f, start: 0 })),
    ];
  }
  return [];
}

async function lastTime(file: string): Promise<number | null> {
  for await (const line of linesBackwards(file)) {
    const t = lineTime(line);
    if (t !== null) return t;
  }
  return null;
}

/** The offset of a line start at or before the first line whose time is at or after `since`. */
export async function firstAtOrAfter(file: string, since: number): Promise<number> {
  let fh: FileHandle;
  try {
    fh = await open(file, constants.O_RDONLY);
  } catch {
    return 0;
  }
  try {
    let lo = 0;
    let hi = (await fh.stat()).size;
    while (hi - lo > LINEAR) {
      const mid = Math.floor((lo + hi) / 2);
      const probe = await timeAt(fh, mid, hi);
      if (probe !== null && probe.time < since) lo = probe.lineStart;
      else hi = mid;
    }
    return lineStartAt(fh, lo);
  } finally {
    await fh.close();
  }
}

/** The first line starting at or after `pos` that has a time, read before `end`. */
async function timeAt(
  fh: FileHandle,
  pos: number,
  end: number,
): Promise<{ lineStart: number; time: number } | null> {
  let at = await lineStartAt(fh, pos);
  while (at < end) {
    const buf = Buffer.alloc(PROBE);
    const { bytesRead } = await fh.read(buf, 0, PROBE, at);
    if (bytesRead === 0) return null;
    const nl = buf.subarray(0, bytesRead).indexOf(0x0a);
    // A line longer than the probe: its "ts" comes early in every event we write.
    const line = buf.subarray(0, nl === -1 ? bytesRead : nl).toString("utf8");
    const time = lineTime(line);
    if (time !== null) return { lineStart: at, time };
    if (nl === -1) at = await lineStartAt(fh, at + bytesRead);
    else at += nl + 1;
  }
  return null;
}

/** The start of the first line beginning at or after `pos` (pos itself when a line starts there). */
async function lineStartAt(fh: FileHandle, pos: number): Promise<number> {
  if (pos === 0) return 0;
  let at = pos - 1;
  const buf = Buffer.alloc(PROBE);
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, PROBE, at);
    if (bytesRead === 0) return at;
    const nl = buf.subarray(0, bytesRead).indexOf(0x0a);
    if (nl !== -1) return at + nl + 1;
    at += bytesRead;
  }
}
