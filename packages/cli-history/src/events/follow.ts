// obs-events --follow: after the window, the events committed from then on, as they come. The
// live log is polled from where the window's read ended; a rotation (events.jsonl renamed, a new
// one started) is followed through the renamed file's rest. An event is shown once its epoch is
// committed (the pointer reaches it) and never when its epoch was aborted: the pointer is read
// before the log, and a writer appends its events before it moves the pointer, so whatever the
// pointer covers is already in what is read next.
import { constants } from "node:fs";
import { open, stat } from "node:fs/promises";
import { join } from "node:path";
import { ndjson } from "@observatory/cli-kit";
import {
  eventLogFiles,
  layout,
  type ObsEvent,
  parseEventLine,
  readPointer,
} from "@observatory/core";
import type { Mode } from "./execute.js";
import { csvRow, followLine, printed } from "./render.js";

const POLL_MS = 250;

export interface FollowOptions {
  keep: (e: ObsEvent) => boolean;
  mode: Mode;
  write: (text: string) => void;
  stop?: Promise<void> | undefined;
}

export async function follow(
  stateDir: string,
  start: { file: string; offset: number } | null,
  committedThrough: string,
  o: FollowOptions,
): Promise<void> {
  const live = join(stateDir, layout.EVENTS_FILE);
  let pos = start?.file === live ? start.offset : 0;
  let ino = (await stat(live).catch(() => null))?.ino ?? null;
  let through = committedThrough;
  let stopped = false;
  void o.stop?.then(() => {
    stopped = true;
  });
  const pending: ObsEvent[] = [];
  const aborted = new Set<string>();
  const emit = (e: ObsEvent) =>
    o.write(
      o.mode === "ndjson" ? ndjson(printed(e)) : o.mode === "csv" ? csvRow(e) : followLine(e),
    );
  while (!stopped) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    const ptr = await readPointer(stateDir);
    if (ptr.kind === "ok" && ptr.pointer.epoch_id > through) through = ptr.pointer.epoch_id;
    const st = await stat(live).catch(() => null);
    const lines: string[] = [];
    if (ino !== null && st?.ino !== ino) {
      // Rotated: the rest of the file we were reading is under its new name.
      const renamed = await findByIno(stateDir, ino);
      if (renamed !== null) lines.push(...(await readFrom(renamed, pos)).lines);
      pos = 0;
      ino = st?.ino ?? null;
    } else if (ino === null && st) ino = st.ino;
    if (st) {
      if (st.size < pos) pos = 0;
      const r = await readFrom(live, pos);
      pos += r.consumed;
      lines.push(...r.lines);
    }
    for (const line of lines) {
      const parsed = parseEventLine(line);
      if (parsed.kind !== "event") continue;
      if (parsed.event.type === "EPOCH_ABORTED") aborted.add(parsed.event.aborted_epoch_id);
      pending.push(parsed.event);
    }
    const waiting: ObsEvent[] = [];
    for (const e of pending) {
      if (e.epoch_id !== null && e.epoch_id > through) waiting.push(e);
      else if (e.epoch_id === null || !aborted.has(e.epoch_id)) {
        if (o.keep(e)) emit(e);
      }
    }
    pending.splice(0, pending.length, ...waiting);
  }
}

async function findByIno(stateDir: string, ino: number): Promise<string | null> {
  for (const file of (await eventLogFiles(stateDir)).reverse()) {
    const st = await stat(file).catch(() => null);
    if (st?.ino === ino) return file;
  }
  return null;
}

/** The complete lines from `pos` on; a line still being written is left for the next read. */
async function readFrom(file: string, pos: number): Promise<{ lines: string[]; consumed: number }> {
  const fh = await open(file, constants.O_RDONLY).catch(() => null);
  if (fh === null) return { lines: [], consumed: 0 };
  try {
    const size = (await fh.stat()).size;
    if (size <= pos) return { lines: [], consumed: 0 };
    const buf = Buffer.alloc(size - pos);
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    const end = buf.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (end === -1) return { lines: [], consumed: 0 };
    const text = buf.subarray(0, end).toString("utf8");
    return { lines: text.split("\n").filter((l) => l.trim() !== ""), consumed: end + 1 };
  } finally {
    await fh.close();
  }
}
