// The committed events of a time window, oldest first, read from the slices seek.ts found.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { filterCommitted, type ObsEvent, parseEventLine } from "@observatory/core";
import { lineTime, sliceFrom } from "./seek.js";

export interface WindowRead {
  /** Committed events in the window, oldest first (before the user's filters). */
  events: ObsEvent[];
  /** Lines that are not v2 events (v1 lines, torn writes). */
  skipped: number;
  /** Where the live log was read up to (for --follow), or null when there is none. */
  end: { file: string; offset: number } | null;
}

export async function readWindow(
  stateDir: string,
  window: { since: number | null; until: number | null },
  committedThrough: string | null,
): Promise<WindowRead> {
  const slices = await sliceFrom(stateDir, window.since);
  const events: ObsEvent[] = [];
  const aborts: ObsEvent[] = [];
  let skipped = 0;
  let end: WindowRead["end"] = null;
  // Past --until only abort notices matter: recovery logs one after the aborted epoch's events,
  // possibly much later, and without it those events would pass as committed.
  let pastUntil = false;
  for (const slice of slices) {
    // Read up to the size seen now: what is appended meanwhile is --follow's to read.
    const size = await stat(slice.file).then(
      (st) => st.size,
      () => 0,
    );
    let offset = slice.start;
    let lineStart = offset;
    if (size > slice.start) {
      const input = createReadStream(slice.file, { start: slice.start, end: size - 1 });
      const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
      try {
        for await (const line of lines) {
          lineStart = offset;
          offset += Buffer.byteLength(line) + 1;
          if (line.trim() === "") continue;
          if (pastUntil) {
            if (!line.includes('"EPOCH_ABORTED"')) continue;
            const parsed = parseEventLine(line);
            if (parsed.kind === "event" && parsed.event.type === "EPOCH_ABORTED")
              aborts.push(parsed.event);
            continue;
          }
          const t = lineTime(line);
          if (t !== null && window.since !== null && t < window.since) continue;
          // Appended in time order: the first event past --until ends the window.
          if (t !== null && window.until !== null && t > window.until) {
            pastUntil = true;
            continue;
          }
          const parsed = parseEventLine(line);
          if (parsed.kind === "event") events.push(parsed.event);
          else skipped++;
        }
      } finally {
        lines.close();
        input.destroy();
      }
    }
    // A last line without its newline is still being written (or torn): --follow reads it again
    // from its start once it is complete.
    end = { file: slice.file, offset: offset > size ? lineStart : offset };
  }
  // The notices decide what was committed; they are not in the window themselves.
  const committed = filterCommitted([...events, ...aborts], committedThrough);
  const notices = new Set<ObsEvent>(aborts);
  return { events: committed.filter((e) => !notices.has(e)), skipped, end };
}
