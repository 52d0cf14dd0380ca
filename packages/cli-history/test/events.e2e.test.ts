// obs-events as a user sees it: the committed events of a log that rotated several times, by
// type, provider, model, severity and time (--since seeks; the answer is the same as reading the
// whole log), as NDJSON records their schema accepts, CSV or a table; and --follow.
import { appendFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { type EventDraft, type ObsEvent, openStateWriter, readEvents } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { eventsCommand } from "../src/events/execute.js";
import { sliceFrom } from "../src/events/seek.js";
import { PRINTED_RECORDS } from "../src/index.js";
import { buildState, type Poll, run, tempDir } from "./state.js";

const day = (d: number) => new Date(Date.UTC(2026, 10, d, 6)).toISOString();

function eventsOf(d: number): EventDraft[] {
  const out: EventDraft[] = [
    {
      type: "MODEL_ADDED",
      severity: "INFO",
      provider: "openai",
      model_id: `m${d}`,
      fingerprint: "f",
    },
  ];
  if (d % 2 === 0)
    out.push({
      type: "POLL_ERROR",
      severity: "WARN",
      provider: d % 4 === 0 ? "mistral" : "openai",
      error: { kind: "http", message: `down on day ${d}` },
    });
  if (d % 5 === 0)
    out.push({
      type: "LISTING_WARNING",
      severity: "HIGH",
      provider: "openai",
      model_id: "evil\u001b[31m-red",
      kind: "odd",
      message: "strange listing",
    });
  return out;
}

/** 24 daily polls whose events rotate the log every few commits. */
async function rotatedLog(): Promise<{ dir: string; all: ObsEvent[] }> {
  const dir = join(await tempDir(), "state");
  const polls: Poll[] = Array.from({ length: 24 }, (_, i) => ({
    at: day(i + 1),
    providers: { openai: [{ id: "gpt-4o" }] },
    events: eventsOf(i + 1),
  }));
  await buildState(dir, polls, { maxEventLogBytes: 1200 });
  const all = (await readEvents(dir, { committedThrough: "99999999T999999.999Z-9999" })).events;
  return { dir, all };
}

function validate(records: Array<Record<string, unknown>>): void {
  for (const rec of records) {
    const schema = PRINTED_RECORDS[rec["type"] as keyof typeof PRINTED_RECORDS];
    expect(schema, String(rec["type"])).toBeDefined();
    expect(schema.safeParse(rec).success, JSON.stringify(rec)).toBe(true);
  }
}

describe("obs-events", () => {
  it("--since on a rotated log: the same events as reading it whole, rotated files skipped", async () => {
    const { dir, all } = await rotatedLog();
    const rotated = (await readdir(dir)).filter((n) => /^events\..+\.jsonl$/.test(n));
    expect(rotated.length).toBeGreaterThanOrEqual(3);
    for (const since of [
      "2026-11-01",
      "2026-11-09T06:00:00Z",
      "2026-11-17T07:00",
      "2026-11-24",
      "2026-12-01",
    ]) {
      const r = await run("obs-events", dir, ["--since", since]);
      expect(r.code, r.stderr).toBe(0);
      validate(r.records);
      const want = all.filter(
        (e) =>
          Date.parse(e.ts) >=
          Date.parse(since.length === 10 ? since : `${since.replace(/Z$/, "")}Z`),
      );
      expect(
        r.records.map((x) => `${x["ts"]} ${x["type"]}`),
        since,
      ).toEqual(want.map((e) => `${e.ts} ${e.type}`));
    }
    // A late --since starts in the last files: the older ones are not read.
    const slices = await sliceFrom(dir, Date.parse("2026-11-23T00:00:00Z"));
    expect(slices.length).toBeLessThan(rotated.length);
  });

  it("filters by type, provider, model suffix, severity and --until; every record is typed and versioned", async () => {
    const { dir, all } = await rotatedLog();
    const sel = async (args: string[]) => {
      const r = await run("obs-events", dir, args);
      expect(r.code, r.stderr).toBe(0);
      validate(r.records);
      expect(r.records.every((x) => x["version"] === x["v"])).toBe(true);
      return r.records.map((x) => `${String(x["ts"]).slice(8, 10)}:${x["type"]}`);
    };
    expect(await sel(["--type", "poll_error", "--provider", "mistral"])).toEqual(
      ["04", "08", "12", "16", "20", "24"].map((d) => `${d}:POLL_ERROR`),
    );
    expect(await sel(["--severity", ">=HIGH", "--until", "2026-11-15T06:00Z"])).toEqual([
      "05:LISTING_WARNING",
      "10:LISTING_WARNING",
      "15:LISTING_WARNING",
    ]);
    expect(await sel(["--model", "m7"])).toEqual(["07:MODEL_ADDED"]);
    expect(await sel(["--severity", "=WARN", "--since", "20261122T000000.000Z-0000"])).toEqual([
      "22:POLL_ERROR",
      "24:POLL_ERROR",
    ]);
    expect((await sel([])).length).toBe(all.length);
  });

  it("never shows the events of an epoch that did not commit (a crash before the pointer moved)", async () => {
    const { dir, all } = await rotatedLog();
    const w = await openStateWriter(dir, {
      tool: "test",
      version: "0",
      now: () => new Date(day(25)),
      beforeStep: (step) => {
        if (step === "pointer") throw new Error("crash before the pointer");
      },
    });
    if (!w.ok) throw new Error(w.message);
    await expect(
      w.writer.commit({ fingerprintScheme: "semantic-v1", providers: {}, events: eventsOf(25) }),
    ).rejects.toThrow(/crash/);
    await w.writer.close();
    const logged = await readEvents(dir);
    expect(logged.events.some((e) => e.ts === day(25))).toBe(true);
    const r = await run("obs-events", dir, ["--since", "2026-11-24"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.records.map((x) => x["ts"])).toEqual(
      all.filter((e) => e.ts >= day(24)).map((e) => e.ts),
    );
  });

  it("--csv: a header, then a row per event", async () => {
    const { dir } = await rotatedLog();
    const r = await run("obs-events", dir, [
      "--csv",
      "--type",
      "POLL_ERROR",
      "--until",
      "2026-11-04T23:00Z",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split("\n")).toEqual([
      "ts,epoch_id,type,severity,provider,model,detail",
      expect.stringMatching(
        /^2026-11-02T06:00:00\.000Z,20261102T060000\.000Z-0000,POLL_ERROR,WARN,openai,,down on day 2$/,
      ),
      expect.stringMatching(/,POLL_ERROR,WARN,mistral,,down on day 4$/),
    ]);
  });

  it("on a terminal: a table, the model id escaped", async () => {
    const { dir } = await rotatedLog();
    const out = await eventsCommand(
      { stateDir: dir, type: "LISTING_WARNING" },
      { stdoutIsTTY: true, now: new Date() },
    );
    expect(out.exitCode).toBe(0);
    expect(out.stdout).not.toContain("\u001b[31m");
    expect(out.stdout).toContain("openai/evil\\x1b[31m-red");
    expect(out.stdout).toContain("4 events");
  });

  it("bad flags are usage errors (exit 2) that say what works", async () => {
    const { dir } = await rotatedLog();
    const typo = await run("obs-events", dir, ["--type", "POLL_EROR"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/did you mean POLL_ERROR\?/);
    const sev = await run("obs-events", dir, ["--severity", ">=LOUD"]);
    expect(sev.code).toBe(2);
    expect(sev.stderr).toMatch(/INFO, LOW, MEDIUM, WARN, HIGH, CRITICAL/);
    expect((await run("obs-events", dir, ["--since", "last week"])).code).toBe(2);
    expect((await run("obs-events", dir, ["--follow", "--until", "now"])).code).toBe(2);
    const none = await run("obs-events", join(dir, "..", "nope"), []);
    expect(none.code).toBe(2);
  });

  it("--follow prints the events each new commit adds, and nothing before --since", async () => {
    const { dir } = await rotatedLog();
    // A crash mid-append left a torn last line: it is not an event, and following resumes at it.
    await appendFile(join(dir, "events.jsonl"), '{"v":2,"epoch_id":null,"ts":"2026-11-24T07:00');
    const out: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((r) => {
      stop = r;
    });
    const running = eventsCommand(
      { stateDir: dir, since: "2026-11-24", type: "POLL_ERROR", follow: true, json: true },
      {
        stdoutIsTTY: false,
        now: new Date(),
        write: { out: (t) => out.push(t), err: () => {} },
        stop: stopped,
      },
    );
    await new Promise((r) => setTimeout(r, 600));
    const w = await openStateWriter(dir, {
      tool: "test",
      version: "0",
      now: () => new Date(day(25)),
      maxEventLogBytes: 1200,
    });
    if (!w.ok) throw new Error(w.message);
    for (const d of [25, 26]) {
      await w.writer.commit({
        fingerprintScheme: "semantic-v1",
        providers: {},
        events: eventsOf(d),
      });
    }
    await w.writer.close();
    await new Promise((r) => setTimeout(r, 1200));
    stop();
    expect((await running).exitCode).toBe(0);
    const lines = out
      .join("")
      .split("\n")
      .filter((l) => l !== "");
    expect(lines.map((l) => JSON.parse(l).error.message)).toEqual([
      "down on day 24",
      "down on day 26",
    ]);
  });
});
