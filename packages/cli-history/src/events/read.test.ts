// obs-events --until stops taking events at the first one past the window, but not reading: an
// epoch's events can be declared aborted by a notice logged later, past --until, and those
// events must not be shown as committed.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readWindow } from "./read.js";

let dir: string | null = null;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

const E1 = "20261101T000000.000Z-0000";
const E2 = "20261101T010000.000Z-0000";
const E3 = "20261102T000000.000Z-0000";

function added(epoch: string, ts: string, model: string): string {
  return JSON.stringify({
    v: 2,
    type: "MODEL_ADDED",
    epoch_id: epoch,
    ts,
    severity: "INFO",
    provider: "openai",
    model_id: model,
    fingerprint: "f".repeat(64),
  });
}

describe("the event window", () => {
  it("leaves out the events of an epoch aborted by a notice logged after --until", async () => {
    dir = await mkdtemp(join(tmpdir(), "obs-events-read-"));
    const lines = [
      added(E1, "2026-11-01T00:00:00.000Z", "kept"),
      // E2's commit crashed after its events and before the pointer moved...
      added(E2, "2026-11-01T01:00:00.000Z", "never-committed"),
      added(E3, "2026-11-02T00:00:00.000Z", "later"),
      // ...and the next writer's recovery said so, a day later.
      JSON.stringify({
        v: 2,
        type: "EPOCH_ABORTED",
        epoch_id: E3,
        ts: "2026-11-02T00:00:00.000Z",
        severity: "WARN",
        aborted_epoch_id: E2,
        reason: "crashed before the pointer",
      }),
    ];
    await writeFile(join(dir, "events.jsonl"), `${lines.join("\n")}\n`);
    const until = Date.parse("2026-11-01T12:00:00Z");
    const read = await readWindow(dir, { since: null, until }, E3);
    expect(read.events.map((e) => (e.type === "MODEL_ADDED" ? e.model_id : e.type))).toEqual([
      "kept",
    ]);
    // Without --until the notice is in the window and shown, the aborted epoch's event is not.
    const all = await readWindow(dir, { since: null, until: null }, E3);
    expect(all.events.map((e) => (e.type === "MODEL_ADDED" ? e.model_id : e.type))).toEqual([
      "kept",
      "later",
      "EPOCH_ABORTED",
    ]);
  });
});
