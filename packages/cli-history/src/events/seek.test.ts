// The binary search behind obs-events --since: on a large log it lands on the first line at or
// after the time (lines without a time, such as torn writes, are stepped over), and reads a
// handful of probes instead of the file.
import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstAtOrAfter, lineTime } from "./seek.js";

const LINES = 200_000;
const T0 = Date.parse("2026-01-01T00:00:00Z");
/** Line i's time: every line 10 s after the one before, pairs sharing a second. */
const timeOf = (i: number) => T0 + Math.floor(i / 2) * 10_000;

let dir: string;
let file: string;
const starts: number[] = [];
let lastLine = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "obs-seek-"));
  file = join(dir, "events.jsonl");
  const parts: string[] = [];
  let offset = 0;
  for (let i = 0; i < LINES; i++) {
    // Every 1000th line is garbage without a time; the search must step over it.
    const line =
      i % 1000 === 999
        ? '{"torn":'
        : `{"v":2,"epoch_id":null,"ts":"${new Date(timeOf(i)).toISOString()}","severity":"INFO","type":"POLL_ERROR","provider":"p${i}","error":{"kind":"x","message":"${"m".repeat(i % 50)}"}}`;
    starts.push(offset);
    parts.push(line);
    lastLine = line;
    offset += Buffer.byteLength(line) + 1;
  }
  await writeFile(file, `${parts.join("\n")}\n`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The first line at or after `since`, by reading every line. */
function expected(since: number): number {
  for (let i = 0; i < LINES; i++) if (i % 1000 !== 999 && timeOf(i) >= since) return i;
  return LINES;
}

describe("firstAtOrAfter", () => {
  it.each([
    ["before the first line", T0 - 1],
    ["the first line", T0],
    ["between two lines", T0 + 1_234_567],
    ["a time two lines share", timeOf(150_000)],
    ["just after a torn line", timeOf(5_000)],
    ["the last line", timeOf(LINES - 1)],
    ["after the last line", timeOf(LINES - 1) + 1],
  ])("%s", async (_label, since) => {
    const start = await firstAtOrAfter(file, since);
    const want = expected(since);
    const size = starts.at(-1)! + Buffer.byteLength(lastLine) + 1;
    // A line start (or the end), no later than the wanted line, and within one read of it.
    expect(starts.includes(start) || start === size).toBe(true);
    const wantOffset = want < LINES ? starts[want]! : size;
    expect(start).toBeLessThanOrEqual(wantOffset);
    expect(wantOffset - start).toBeLessThanOrEqual(2 * 64 * 1024 + 4096);
  });

  it("reads probes, not the file", async () => {
    const fh = await open(file, "r");
    const size = (await fh.stat()).size;
    await fh.close();
    expect(size).toBeGreaterThan(20_000_000);
    const t = performance.now();
    for (let k = 0; k < 20; k++) await firstAtOrAfter(file, timeOf(10_000 * k));
    // Twenty searches of a 20 MB file in well under the time one full read takes.
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it("lineTime reads the ts of an event line and nothing else", () => {
    expect(lineTime('{"v":2,"ts":"2026-01-01T00:00:00.000Z"}')).toBe(T0);
    expect(lineTime('{"torn":')).toBeNull();
  });
});
