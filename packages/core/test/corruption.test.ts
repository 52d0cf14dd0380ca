import { appendFile, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readEvents } from "../src/events/log.js";
import { tailEvents } from "../src/events/tail.js";
import { readCurrentEpoch } from "../src/state/read-epoch.js";
import type { CommitResult, StateWriter } from "../src/state/writer.js";
import { snapshot, tempStateDir, writer } from "./helpers.js";

async function twoEpochs(dir: string): Promise<[CommitResult, CommitResult, StateWriter]> {
  const w = await writer(dir);
  const a = await w.commit({
    fingerprintScheme: "semantic-v1",
    providers: { openai: { snapshot: snapshot("openai", [{ id: "a" }]) } },
    events: [
      {
        type: "MODEL_ADDED",
        severity: "INFO",
        provider: "openai",
        model_id: "a",
        fingerprint: "fa",
      },
    ],
  });
  const b = await w.commit({
    fingerprintScheme: "semantic-v1",
    providers: { openai: { snapshot: snapshot("openai", [{ id: "a" }, { id: "b" }]) } },
    events: [
      {
        type: "MODEL_ADDED",
        severity: "INFO",
        provider: "openai",
        model_id: "b",
        fingerprint: "fb",
      },
    ],
  });
  await w.close();
  return [a, b, w];
}

async function reopenAndReport(dir: string) {
  const w = await writer(dir);
  const current = w.current?.epochId;
  await w.close();
  const files = await readdir(dir, { recursive: true });
  const { events } = await readEvents(dir);
  return {
    current,
    files: files.map(String),
    corrupt: events.filter((e) => e.type === "STATE_CORRUPT"),
  };
}

describe("corruption is survivable", () => {
  it("a garbage pointer: readers fall back to the newest proven epoch, the writer quarantines and repairs", async () => {
    const dir = await tempStateDir();
    const [a] = await twoEpochs(dir);
    await writeFile(join(dir, "current_epoch.json"), "{not json");
    const r = await readCurrentEpoch(dir);
    // Without a pointer only epochs named as a parent are proven committed.
    expect(r.epoch?.epochId).toBe(a.epochId);
    expect(r.fellBack).toBe(true);
    expect(r.problems[0]).toMatchObject({ file: "current_epoch.json", reason: "not valid JSON" });

    const rep = await reopenAndReport(dir);
    expect(rep.current).toBe(a.epochId);
    expect(rep.files.some((f) => /^current_epoch\.json\.corrupt\.\d{8}T/.test(f))).toBe(true);
    expect(rep.corrupt).toHaveLength(1);
    expect(rep.corrupt[0]).toMatchObject({ severity: "WARN", file: "current_epoch.json" });
    // The pointer was rewritten, so plain readers are healthy again.
    expect((await readCurrentEpoch(dir)).problems).toEqual([]);
  });

  it("a manifest that no longer matches the pointer's hash falls back to the parent epoch", async () => {
    const dir = await tempStateDir();
    const [a, b] = await twoEpochs(dir);
    const path = join(dir, "epochs", `${b.epochId}.json`);
    await writeFile(
      path,
      (await readFile(path, "utf8")).replace('"tool":"test"', '"tool":"tampered"'),
    );
    const r = await readCurrentEpoch(dir);
    expect(r.epoch?.epochId).toBe(a.epochId);
    expect(r.problems).toEqual([
      { file: `epochs/${b.epochId}.json`, reason: "hash does not match the pointer" },
    ]);
    const rep = await reopenAndReport(dir);
    expect(rep.current).toBe(a.epochId);
    expect(rep.files.some((f) => f.startsWith(`epochs/${b.epochId}.json.corrupt.`))).toBe(true);
  });

  it("a damaged object is detected by its hash and the older epoch that does not use it is taken", async () => {
    const dir = await tempStateDir();
    const [a, b] = await twoEpochs(dir);
    const hash = b.manifest.providers["openai"]!.snapshot!;
    await writeFile(join(dir, "objects", `${hash}.json`), '{"schema":"observatory.snapshot/1"}');
    const r = await readCurrentEpoch(dir);
    expect(r.epoch?.epochId).toBe(a.epochId);
    expect(r.problems).toEqual([{ file: `objects/${hash}.json`, reason: "hash mismatch" }]);
    const w = await writer(dir);
    // The next commit builds on the good epoch and works.
    const c = await w.commit({
      fingerprintScheme: "semantic-v1",
      providers: { openai: { snapshot: snapshot("openai", [{ id: "a" }, { id: "b" }]) } },
      events: [],
    });
    await w.close();
    expect(c.manifest.parent?.epoch_id).toBe(a.epochId);
    expect((await readCurrentEpoch(dir)).epoch?.epochId).toBe(c.epochId);
  });

  it("a deleted object is reported as missing, never a crash", async () => {
    const dir = await tempStateDir();
    const [, b] = await twoEpochs(dir);
    const { rm } = await import("node:fs/promises");
    for (const f of await readdir(join(dir, "objects"))) await rm(join(dir, "objects", f));
    const r = await readCurrentEpoch(dir);
    expect(r.epoch).toBeNull();
    expect(r.problems.some((p) => p.reason === "missing" && p.file.startsWith("objects/"))).toBe(
      true,
    );
    expect(b.epochId).toBeTruthy();
  });

  it("a garbage line and a torn last line in events.jsonl are skipped, and the next append starts clean", async () => {
    const dir = await tempStateDir();
    const [, b] = await twoEpochs(dir);
    const path = join(dir, "events.jsonl");
    await appendFile(path, "this is not json\n");
    await appendFile(path, '{"v":2,"type":"MODEL_ADD'); // torn write, no newline
    const before = await readEvents(dir);
    expect(before.events).toHaveLength(2);
    expect(before.invalid).toBe(2);

    const w = await writer(dir);
    await w.commit({
      fingerprintScheme: "semantic-v1",
      providers: {},
      events: [{ type: "MODEL_REMOVED", severity: "INFO", provider: "openai", model_id: "b" }],
    });
    await w.close();
    const after = await readEvents(dir);
    expect(after.events.map((e) => e.type)).toEqual([
      "MODEL_ADDED",
      "MODEL_ADDED",
      "MODEL_REMOVED",
    ]);
    expect(after.invalid).toBe(2);
    const newest = await tailEvents(dir, 1);
    expect(newest[0]).toMatchObject({ type: "MODEL_REMOVED" });
    expect(b.epochId < newest[0]!.epoch_id!).toBe(true);
  });

  it("v1 event lines kept by migration are counted as legacy, not errors", async () => {
    const dir = await tempStateDir();
    await twoEpochs(dir);
    await appendFile(
      join(dir, "events.jsonl"),
      `${JSON.stringify({ timestamp: "2026-01-01T00:00:00Z", provider: "openai", model_id: "x", event_type: "MODEL_ADDED" })}\n`,
    );
    const r = await readEvents(dir);
    expect(r).toMatchObject({ legacy: 1, invalid: 0 });
  });
});
