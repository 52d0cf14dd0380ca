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

  it("a damaged object shared by several committed epochs never makes them 'aborted'", async () => {
    // Reproduces what the acceptance suite found: recovery took the fallback epoch as the
    // commit boundary, so every committed epoch after it was logged EPOCH_ABORTED, its events
    // dropped out of history, and retention deleted its manifest even when a lock pinned it.
    const dir = await tempStateDir();
    const w = await writer(dir);
    const added = (id: string) => ({
      type: "MODEL_ADDED" as const,
      severity: "INFO" as const,
      provider: "openai",
      model_id: id,
      fingerprint: `f${id}`,
    });
    const snap = snapshot("openai", [{ id: "a" }]);
    const a = await w.commit({
      fingerprintScheme: "semantic-v1",
      providers: { openai: { snapshot: snap } },
      registry: { r: 1 },
      events: [added("a")],
    });
    // b and c carry the same registry object.
    const b = await w.commit({
      fingerprintScheme: "semantic-v1",
      providers: {},
      registry: { r: 2 },
      events: [added("b")],
    });
    const c = await w.commit({
      fingerprintScheme: "semantic-v1",
      providers: {},
      events: [added("c")],
    });
    await w.close();
    expect(c.manifest.registry).toBe(b.manifest.registry);
    await writeFile(join(dir, "objects", `${b.manifest.registry}.json`), "{}");

    const w2 = await writer(dir);
    expect(w2.current?.epochId).toBe(a.epochId);
    // Until a commit supersedes it, the pointer still names the newest committed epoch.
    expect(JSON.parse(await readFile(join(dir, "current_epoch.json"), "utf8")).epoch_id).toBe(
      c.epochId,
    );
    const d = await w2.commit({
      fingerprintScheme: "semantic-v1",
      providers: {},
      registry: { r: 3 },
      events: [added("d")],
    });
    await w2.close();
    expect(d.manifest.parent?.epoch_id).toBe(a.epochId);

    const { events } = await readEvents(dir, { committedThrough: d.epochId });
    expect(events.filter((e) => e.type === "EPOCH_ABORTED")).toEqual([]);
    expect(events.flatMap((e) => (e.type === "MODEL_ADDED" ? [e.model_id] : []))).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
    // A second reopen does not change its mind either.
    await (await writer(dir)).close();
    expect(
      (await readEvents(dir, { committedThrough: d.epochId })).events.filter(
        (e) => e.type === "EPOCH_ABORTED",
      ),
    ).toEqual([]);
  });

  it("temp files a killed writer left behind are removed on the next open, lock files' too", async () => {
    const dir = await tempStateDir();
    await twoEpochs(dir);
    const { mkdir } = await import("node:fs/promises");
    await mkdir(join(dir, "locks"), { recursive: true });
    const strays = [
      ".current_epoch.json.4242.abcd.tmp",
      "epochs/.x.json.4242.abcd.tmp",
      "objects/.y.json.4242.abcd.tmp",
      "locks/.exp.lock.json.4242.abcd.tmp",
    ];
    for (const f of strays) await writeFile(join(dir, f), "partial");
    await writeFile(join(dir, "locks", "exp.lock.json"), "{}"); // not a temp file: left alone
    await (await writer(dir)).close();
    const files = (await readdir(dir, { recursive: true })).map(String);
    for (const f of strays) expect(files).not.toContain(f);
    expect(files).toContain("locks/exp.lock.json");
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
