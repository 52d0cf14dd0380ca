// The committed events of a time window, oldest first, read from the slices seek.ts found.
import { createReadStream } from "node:fs";
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
  let skipped = 0;
  let end: WindowRead["end"] = null;
  outer: for (const slice of slices) {
    let offset = slice.start;
    const input = createReadStream(slice.file, { start: slice.start });
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    try {
      for await (const line of lines) {
        offset += Buffer.byteLength(line) + 1;
        if (line.trim() === "") continue;
        const t = lineTime(line);
        if (t !== null && window.since !== null && t < window.since) continue;
        // Appended in time order: the first event past --until ends the read.
        if (t !== null && window.until !== null && t > window.until) break outer;
        const parsed = parseEventLine(line);
        if (parsed.kind === "event") events.push(parsed.event);
        else skipped++;
      }
    } finally {
      lines.close();
      input.destroy();
    }
    end = { file: slice.file, offset };
  }
  return { events: filterCommitted(events, committedThrough), skipped, end };
}
