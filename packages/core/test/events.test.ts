import { mkdir, readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { appendEvents, readEvents } from "../src/events/log.js";
import { EVENT_TYPES, type ObsEvent } from "../src/events/schema.js";
import { tailEvents } from "../src/events/tail.js";
import { tempStateDir } from "./helpers.js";

const ev = (epoch: string, model: string): ObsEvent => ({
  v: 2,
  epoch_id: epoch,
  ts: "2026-11-21T05:00:00.000Z",
  severity: "INFO",
  type: "MODEL_ADDED",
  provider: "openai",
  model_id: model,
  fingerprint: "f",
});
const E1 = "20261121T050000.000Z-0000";
const E2 = "20261121T060000.000Z-0000";
const E3 = "20261121T070000.000Z-0000";

describe("event log", () => {
  it("has the closed taxonomy the contract names", () => {
    expect(EVENT_TYPES).toEqual(
      expect.arrayContaining([
        "MODEL_ADDED",
        "MODEL_REMOVED",
        "METADATA_CHANGED",
        "IDENTITY_CHANGED",
        "CANARY_RESULT",
        "BENCHMARK_RESULT",
        "BENCHMARK_VARIANT",
        "BENCHMARK_FAILURE",
        "BENCHMARK_MISSING",
        "BEHAVIOR_DRIFT",
        "MIGRATION_REBASELINE",
        "STATE_CORRUPT",
        "POLL_ERROR",
        "EPOCH_ABORTED",
        "EXPERIMENT_DRIFT",
        "WEBHOOK_FAILED",
      ]),
    );
  });

  it("refuses to write an event outside the taxonomy", async () => {
    const dir = await tempStateDir();
    await mkdir(dir, { recursive: true });
    const bad = { ...ev(E1, "x"), type: "SOMETHING_ELSE" } as unknown as ObsEvent;
    await expect(appendEvents(dir, [bad])).rejects.toThrow();
    expect((await readEvents(dir)).events).toEqual([]);
  });

  it("rotates by size and still reads everything, oldest first, and tails newest first", async () => {
    const dir = await tempStateDir();
    await mkdir(dir, { recursive: true });
    for (let i = 0; i < 30; i++) {
      await appendEvents(dir, [ev(E1, `m${i}`)], {
        maxBytes: 1000,
        now: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      });
    }
    const files = (await readdir(dir)).filter((f) => f.startsWith("events"));
    expect(files.length).toBeGreaterThan(2);
    const all = await readEvents(dir);
    expect(all.events.map((e) => (e as { model_id: string }).model_id)).toEqual(
      Array.from({ length: 30 }, (_, i) => `m${i}`),
    );
    const tail = await tailEvents(dir, 12);
    expect(tail.map((e) => (e as { model_id: string }).model_id)).toEqual(
      Array.from({ length: 12 }, (_, i) => `m${29 - i}`),
    );
  });

  it("committed reads drop events newer than the pointer and of aborted epochs", async () => {
    const dir = await tempStateDir();
    await mkdir(dir, { recursive: true });
    await appendEvents(dir, [ev(E1, "a"), ev(E2, "lost")]);
    await appendEvents(dir, [
      {
        v: 2,
        epoch_id: E1,
        ts: "2026-11-21T06:30:00.000Z",
        severity: "WARN",
        type: "EPOCH_ABORTED",
        aborted_epoch_id: E2,
        reason: "r",
      },
    ]);
    await appendEvents(dir, [ev(E3, "b"), ev("20261121T080000.000Z-0000", "in-flight")]);
    const ids = (es: ObsEvent[]) =>
      es.filter((e) => e.type === "MODEL_ADDED").map((e) => (e as { model_id: string }).model_id);
    expect(ids((await readEvents(dir, { committedThrough: E3 })).events)).toEqual(["a", "b"]);
    expect(ids(await tailEvents(dir, 10, { committedThrough: E3 }))).toEqual(["b", "a"]);
    expect(ids(await tailEvents(dir, 10, { committedThrough: null }))).toEqual([]);
  });

  it("tails a large log by reading only its end", async () => {
    const dir = await tempStateDir();
    await mkdir(dir, { recursive: true });
    const batch = Array.from({ length: 20_000 }, (_, i) => ev(E1, `m${i}`));
    await appendEvents(dir, batch);
    const t = await tailEvents(dir, 3, { filter: (e) => e.type === "MODEL_ADDED" });
    expect(t.map((e) => (e as { model_id: string }).model_id)).toEqual([
      "m19999",
      "m19998",
      "m19997",
    ]);
  });
});
