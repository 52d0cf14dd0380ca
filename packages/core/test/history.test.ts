// The model history: every field-level change a commit makes, kept in the state directory past
// retention, so "what did this model cost on the day my experiment ran?" has an answer.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SET_PATHS } from "../src/drift/diff.js";
import { readEvents } from "../src/events/log.js";
import {
  diffWorlds,
  extendHistory,
  type HistoryEntry,
  HistoryEntrySchema,
  HistoryHeadSchema,
  historyRows,
  isEntry,
  isHead,
  namingModels,
  readCurrentHistory,
  readHistory,
  readHistoryHead,
  resolvePoint,
  worldAt,
} from "../src/history/index.js";
import { canonicalJson, sha256Hex } from "../src/state/canonical-json.js";
import { readCurrentEpoch } from "../src/state/read-epoch.js";
import { QUIET_EPOCHS_MAX } from "../src/state/schemas.js";
import type { EpochDraft } from "../src/state/writer.js";
import { snapshot, tempStateDir, writer } from "./helpers.js";

type Models = Parameters<typeof snapshot>[1];

function draft(providers: Record<string, Models | "error">): EpochDraft {
  return {
    fingerprintScheme: "semantic-v1",
    providers: Object.fromEntries(
      Object.entries(providers).map(([p, m]) => [
        p,
        m === "error"
          ? { error: { code: "HTTP_500", message: "down" } }
          : { snapshot: snapshot(p, m) },
      ]),
    ),
    events: [],
  };
}

const gpt = (prompt: string, extra: Partial<Models[number]> = {}) => ({
  id: "gpt-4o",
  name: "GPT-4o",
  context_length: 128000,
  pricing: { prompt, completion: "0.00001" },
  capabilities: ["tools"],
  ...extra,
});

async function history(dir: string): Promise<HistoryEntry[]> {
  const read = await readCurrentEpoch(dir);
  const h = await readHistory(dir, read.epoch!.manifest);
  expect(h.problems).toEqual([]);
  return h.entries;
}

describe("the model history a commit writes", () => {
  it("starts with a baseline, then records each field that changes, and an unchanged poll as its epoch alone", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    const e1 = await w.commit(draft({ openai: [gpt("0.0000025")] }));
    const e2 = await w.commit(draft({ openai: [gpt("0.0000025")] }));
    const e3 = await w.commit(
      draft({ openai: [gpt("0.000003", { capabilities: ["tools", "vision"] }), { id: "o1" }] }),
    );
    const e4 = await w.commit(draft({ openai: [{ id: "o1" }] }));
    await w.close();

    const entries = await history(dir);
    expect(entries.map((e) => e.e)).toEqual([e1.epochId, e2.epochId, e3.epochId, e4.epochId]);
    expect(entries[0]).toEqual({
      e: e1.epochId,
      b: true,
      c: [
        ["openai/gpt-4o", "listed", false, true],
        ["openai/gpt-4o", "capabilities", null, "tools"],
        ["openai/gpt-4o", "context_length", null, 128000],
        ["openai/gpt-4o", "name", null, "GPT-4o"],
        ["openai/gpt-4o", "pricing.completion", null, "0.00001"],
        ["openai/gpt-4o", "pricing.prompt", null, "0.0000025"],
      ],
    });
    expect(entries[1]).toEqual({ e: e2.epochId });
    expect(Buffer.byteLength(JSON.stringify(entries[1]))).toBeLessThan(200);
    expect(entries[2]!.c).toEqual([
      ["openai/gpt-4o", "capabilities", null, "vision"],
      ["openai/gpt-4o", "pricing.prompt", "0.0000025", "0.000003"],
      ["openai/o1", "listed", false, true],
    ]);
    expect(entries[3]!.c).toEqual([["openai/gpt-4o", "listed", true, false]]);

    // Replayed, it gives the world of any epoch, and what changed between two.
    const at2 = worldAt(entries, e2.epochId);
    expect(Object.fromEntries(at2.get("openai/gpt-4o")!)).toEqual({
      capabilities: "tools",
      context_length: 128000,
      name: "GPT-4o",
      "pricing.completion": "0.00001",
      "pricing.prompt": "0.0000025",
    });
    expect(worldAt(entries, e4.epochId).has("openai/gpt-4o")).toBe(false);
    const diff = diffWorlds(at2, worldAt(entries, e3.epochId));
    expect(diff.added.map((a) => a.model)).toEqual(["openai/o1"]);
    expect(diff.changed).toEqual([
      {
        model: "openai/gpt-4o",
        field: "capabilities",
        before: "tools",
        after: "tools,vision",
        relative: null,
      },
      {
        model: "openai/gpt-4o",
        field: "pricing.prompt",
        before: "0.0000025",
        after: "0.000003",
        relative: expect.closeTo(0.2, 10),
      },
    ]);
    expect(SET_PATHS.has("capabilities")).toBe(true);
  });

  it("an unchanged poll writes no new head: its manifest lists it as quiet, until a change or the 65th quiet one in a row writes them in", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    const heads = async () =>
      (await readdir(join(dir, "objects"))).filter((f) => f.includes(".json")).length;
    const e1 = await w.commit(draft({ openai: [gpt("0.0000025")] }));
    const objectsAfterFirst = await heads();
    const quiet: string[] = [];
    for (let i = 0; i < 3; i++)
      quiet.push((await w.commit(draft({ openai: [gpt("0.0000025")] }))).epochId);
    const current = (await readCurrentEpoch(dir)).epoch!.manifest;
    expect(current.history).toBe(e1.manifest.history);
    expect(current.history_quiet).toEqual(quiet);
    expect(await heads()).toBe(objectsAfterFirst); // no object written by the quiet polls
    expect((await history(dir)).map((e) => e.e)).toEqual([e1.epochId, ...quiet]);

    // A change writes the quiet epochs into the new head, before its own entry.
    const e5 = await w.commit(draft({ openai: [gpt("0.000003")] }));
    expect(e5.manifest.history_quiet).toBeUndefined();
    expect(e5.manifest.history).not.toBe(e1.manifest.history);
    const after = await history(dir);
    expect(after.map((e) => e.e)).toEqual([e1.epochId, ...quiet, e5.epochId]);
    expect(after.slice(1, 4)).toEqual(quiet.map((e) => ({ e })));

    // A long quiet spell: a manifest lists at most 64; the next quiet epoch writes the head.
    let last = e5;
    const again = () => w.commit(draft({ openai: [gpt("0.000003")] }));
    for (let i = 0; i < QUIET_EPOCHS_MAX; i++) last = await again();
    expect(last.manifest.history_quiet).toHaveLength(QUIET_EPOCHS_MAX);
    expect(last.manifest.history).toBe(e5.manifest.history);
    const full = await again();
    expect(full.manifest.history_quiet).toBeUndefined();
    expect(full.manifest.history).not.toBe(e5.manifest.history);
    last = await again();
    await w.close();
    expect(last.manifest.history_quiet).toEqual([last.epochId]);
    const spell = await history(dir);
    expect(spell).toHaveLength(after.length + QUIET_EPOCHS_MAX + 2);
    expect(spell.at(-1)).toEqual({ e: last.epochId });
  });

  it("records values as the provider reported them, and a re-spelled one is no change", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    await w.commit(draft({ openai: [{ id: "m", pricing: { prompt: "0.0000030" } }] }));
    const respelled = await w.commit(draft({ openai: [{ id: "m", pricing: { prompt: 3e-6 } }] }));
    const raised = await w.commit(draft({ openai: [{ id: "m", pricing: { prompt: 4.5e-6 } }] }));
    await w.close();
    const entries = await history(dir);
    expect(entries[0]!.c).toContainEqual(["openai/m", "pricing.prompt", null, "0.0000030"]);
    expect(entries.find((e) => e.e === respelled.epochId)).toEqual({ e: respelled.epochId });
    // Both sides as the provider reported them: the previous poll's spelling, then this one's.
    expect(entries.find((e) => e.e === raised.epochId)!.c).toEqual([
      ["openai/m", "pricing.prompt", 3e-6, 4.5e-6],
    ]);
    const rows = historyRows(entries, { field: "pricing." });
    expect(rows.at(-1)!.relative).toBeCloseTo(0.5, 10);
  });

  it("records serving identity changes and confirmed drifts per probe, not variants or matches", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    // The registry keeps the identity a response last showed.
    const registry = (fp: string) => ({
      models: { "openai/gpt-4o": { identity: { system_fingerprint: fp } } },
    });
    const store = (drift: { epoch_id: string; severity: string } | null, verdict: string) => ({
      models: { "openai/gpt-4o": { "t4-json": { last_verdict: verdict, drift } } },
    });
    const base = draft({ openai: [gpt("0.0000025")] });
    const e1 = await w.commit({
      ...base,
      registry: registry("fp_a"),
      benchmarks: store(null, "BASELINE"),
    });
    const e2 = await w.commit({
      ...base,
      registry: registry("fp_a"),
      benchmarks: store(null, "VARIANT"),
    });
    const e3 = await w.commit({
      ...base,
      registry: registry("fp_b"),
      benchmarks: store({ epoch_id: "20261201T000000.000Z-0000", severity: "CRITICAL" }, "DRIFT"),
    });
    const e4 = await w.commit({
      ...base,
      registry: registry("fp_b"),
      benchmarks: store({ epoch_id: "20261201T000000.000Z-0000", severity: "CRITICAL" }, "MATCH"),
    });
    await w.close();
    const entries = await history(dir);
    expect(entries[0]!.c).toContainEqual([
      "openai/gpt-4o",
      "serving.system_fingerprint",
      null,
      "fp_a",
    ]);
    expect(entries.find((e) => e.e === e2.epochId)).toEqual({ e: e2.epochId });
    expect(entries.find((e) => e.e === e3.epochId)!.c).toEqual([
      ["openai/gpt-4o", "drift.t4-json", null, "CRITICAL"],
      ["openai/gpt-4o", "serving.system_fingerprint", "fp_a", "fp_b"],
    ]);
    expect(entries.find((e) => e.e === e4.epochId)).toEqual({ e: e4.epochId });
    expect(worldAt(entries, e3.epochId).get("openai/gpt-4o")!.get("drift.t4-json")).toBe(
      "CRITICAL",
    );
    expect(e1.epochId < e3.epochId).toBe(true);
  });

  it("records OpenRouter's top provider window, which the fingerprint leaves out; its first appearance is no change", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    const m = (top?: number) => ({
      id: "deepseek/deepseek-chat",
      context_length: 163840,
      ...(top === undefined ? {} : { top_provider_context_length: top }),
    });
    await w.commit(draft({ openrouter: [m()] })); // written before the field was recorded
    const known = await w.commit(draft({ openrouter: [m(163840)] }));
    const shrunk = await w.commit(draft({ openrouter: [m(64000)] }));
    await w.close();
    const entries = await history(dir);
    expect(entries.find((e) => e.e === known.epochId)).toEqual({ e: known.epochId });
    expect(entries.find((e) => e.e === shrunk.epochId)!.c).toEqual([
      ["openrouter/deepseek/deepseek-chat", "top_provider.context_length", 163840, 64000],
    ]);
    expect(
      worldAt(entries, shrunk.epochId)
        .get("openrouter/deepseek/deepseek-chat")!
        .get("top_provider.context_length"),
    ).toBe(64000);
  });

  it("a provider whose poll failed keeps its models: carried forward is not a change", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    await w.commit(draft({ openai: [gpt("0.0000025")], mistral: [{ id: "large" }] }));
    const failed = await w.commit(draft({ openai: "error", mistral: [{ id: "large" }] }));
    const back = await w.commit(draft({ openai: [gpt("0.000002")], mistral: [{ id: "large" }] }));
    await w.close();
    const entries = await history(dir);
    expect(entries.find((e) => e.e === failed.epochId)).toEqual({ e: failed.epochId });
    expect(entries.find((e) => e.e === back.epochId)!.c).toEqual([
      ["openai/gpt-4o", "pricing.prompt", "0.0000025", "0.000002"],
    ]);
  });

  it("outlives retention: every epoch's prices are still answered after their manifests are pruned", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir, { retainEpochs: 2 });
    const ids: string[] = [];
    for (let i = 1; i <= 12; i++)
      ids.push((await w.commit(draft({ openai: [gpt(`0.00000${i}1`)] }))).epochId);
    await w.close();
    const manifests = (await readdir(join(dir, "epochs"))).filter((n) => n.endsWith(".json"));
    expect(manifests).toHaveLength(2);
    const entries = await history(dir);
    expect(entries.map((e) => e.e)).toEqual(ids);
    const rows = historyRows(entries, {
      models: new Set(["openai/gpt-4o"]),
      field: "pricing.prompt",
    });
    expect(rows.map((r) => r.after)).toEqual(ids.map((_, i) => `0.00000${i + 1}1`));
    expect(rows[1]!.relative).toBeCloseTo(1 / 1.1, 10); // 1.1e-6 -> 2.1e-6
    expect(worldAt(entries, ids[2]!).get("openai/gpt-4o")!.get("pricing.prompt")).toBe("0.0000031");
  });

  it("begins at the current epoch of a state written before the history existed", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    const old = await w.commit(draft({ openai: [gpt("0.0000025")] }));
    await w.close();
    await dropHistoryFromCurrent(dir);
    expect((await readCurrentEpoch(dir)).epoch!.manifest.history).toBeUndefined();

    const next = await writer(dir);
    const now = await next.commit(draft({ openai: [gpt("0.000003")] }));
    await next.close();
    const entries = await history(dir);
    expect(entries.map((e) => [e.e, e.b ?? false])).toEqual([
      [old.epochId, true],
      [now.epochId, false],
    ]);
    expect(entries[1]!.c).toEqual([["openai/gpt-4o", "pricing.prompt", "0.0000025", "0.000003"]]);
  });

  it("a seed given to the first commit comes first; a new fingerprint scheme begins a new baseline", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    const seed: HistoryEntry[] = [
      { e: "20250101T000000.000Z-0000", c: [["openai/gpt-4", "listed", false, true]] },
      { e: "20250201T000000.000Z-0000", c: [["openai/gpt-4", "listed", true, false]] },
    ];
    const migrated = await w.commit({
      ...draft({ openai: [{ id: "gpt-4o", pricing: { prompt: "0.0000025" } }] }),
      fingerprintScheme: "v1-raw",
      historySeed: seed,
    });
    const first = await w.commit(draft({ openai: [gpt("0.0000025")] }));
    await w.close();
    const entries = await history(dir);
    expect(entries.map((e) => [e.e, e.b ?? false])).toEqual([
      [seed[0]!.e, false],
      [seed[1]!.e, false],
      [migrated.epochId, true],
      [first.epochId, true],
    ]);
    // The poll after the migration lists every model afresh: its name and context, extracted
    // another way, are not changes of that epoch.
    expect(entries[3]!.c).toContainEqual(["openai/gpt-4o", "name", null, "GPT-4o"]);
    expect(historyRows(entries, { models: new Set(["openai/gpt-4"]) }).map((r) => r.after)).toEqual(
      [true, false],
    );
  });

  it("a head that cannot be read restarts the history, and says so in a STATE_CORRUPT event", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    const first = await w.commit(draft({ openai: [gpt("0.0000025")] }));
    await writeFile(join(dir, "objects", `${first.manifest.history}.json`), "{}");
    const second = await w.commit(draft({ openai: [gpt("0.000003")] }));
    await w.close();
    const events = await readEvents(dir, { committedThrough: second.epochId });
    const corrupt = events.events.filter((e) => e.type === "STATE_CORRUPT");
    expect(corrupt).toHaveLength(1);
    expect(corrupt[0]).toMatchObject({
      file: `objects/${first.manifest.history}.json`,
      quarantined_to: expect.stringMatching(/\.corrupt\.[0-9TZ.]+$/),
    });
    const entries = await history(dir);
    expect(entries.map((e) => [e.e, e.b ?? false])).toEqual([
      [first.epochId, true],
      [second.epochId, false],
    ]);
  });
});

describe("sealed segments", () => {
  it("seal the head's entries past the size limit, and a damaged segment is reported, not hidden", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    await w.commit(draft({ openai: [gpt("0.0000025")] }));
    await w.close();
    let manifest = (await readCurrentEpoch(dir)).epoch!.manifest;
    let head = await readHistoryHead(dir, manifest);
    if (head.kind !== "ok") throw new Error("no head");
    // Extend by hand with a tiny seal size: each extension seals what came before.
    let h = head.head;
    for (let i = 0; i < 3; i++) {
      const e = `20300101T00000${i}.000Z-0000`;
      const { hash } = await extendHistory(dir, h, [{ e }], undefined, 10);
      const r = await readHistoryHead(dir, { ...manifest, history: hash });
      if (r.kind !== "ok") throw new Error("bad head");
      h = r.head;
    }
    expect(h.segments.length).toBe(3);
    expect(h.entries).toEqual([{ e: "20300101T000002.000Z-0000" }]);
    manifest = { ...manifest, history: sha256Hex(canonicalJson(h)) };
    const all = await readHistory(dir, manifest);
    expect(all.problems).toEqual([]);
    expect(all.entries).toHaveLength(4);

    const victim = h.segments[1]!.hash;
    await writeFile(join(dir, "history", `${victim}.json`), "tampered");
    const damaged = await readHistory(dir, manifest);
    expect(damaged.entries).toHaveLength(3);
    expect(damaged.problems).toEqual([
      { file: `history/${victim}.json`, reason: expect.stringContaining("hash mismatch") },
    ]);
    head = await readHistoryHead(dir, manifest);
    expect(head.kind).toBe("ok");
  });

  it("read for one model: the entries that change it, as a full read has them; every segment still verified", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    await w.commit(draft({ openai: [gpt("0.0000025")], mistral: [{ id: "large" }] }));
    await w.close();
    let manifest = (await readCurrentEpoch(dir)).epoch!.manifest;
    const first = await readHistoryHead(dir, manifest);
    if (first.kind !== "ok") throw new Error("no head");
    // One segment per entry: the baseline, then one change of each model, then one of neither.
    const later: HistoryEntry[] = [
      { e: "20300101T000000.000Z-0000", c: [["openai/gpt-4o", "pricing.prompt", "1", "2"]] },
      { e: "20300101T000001.000Z-0000", c: [["mistral/large", "name", null, "Large"]] },
      { e: "20300101T000002.000Z-0000" },
      { e: "20300101T000003.000Z-0000" },
    ];
    let h = first.head;
    let hash = manifest.history!;
    for (const e of later) ({ hash, head: h } = await extendHistory(dir, h, [e], undefined, 10));
    manifest = { ...manifest, history: hash };
    expect(h.segments.length).toBe(4);
    const gpt4o = new Set(["openai/gpt-4o"]);
    const full = await readHistory(dir, manifest);
    const one = await readHistory(dir, manifest, { models: gpt4o });
    expect(one.problems).toEqual([]);
    expect(one.entries).toEqual(namingModels(full.entries, gpt4o));
    expect(one.entries.map((e) => e.e)).toEqual([full.entries[0]!.e, "20300101T000000.000Z-0000"]);
    expect(historyRows(one.entries)).toEqual(historyRows(full.entries, { models: gpt4o }));
    expect(one.epochs).toBe(full.entries.length);

    // A damaged segment is reported whether the model is in it or not.
    for (const victim of [h.segments[1]!, h.segments[2]!]) {
      const path = join(dir, "history", `${victim.hash}.json`);
      const good = await readFile(path, "utf8");
      await writeFile(path, good.replace('"e":"2030', '"e":"2031'));
      const damaged = await readHistory(dir, manifest, { models: gpt4o });
      expect(damaged.problems).toEqual([
        { file: `history/${victim.hash}.json`, reason: expect.stringContaining("hash mismatch") },
      ]);
      expect(damaged.epochs).toBe(full.entries.length - 1);
      await writeFile(path, good);
    }

    // Bytes that hash to their name but are no segment: reported as a full read reports them.
    const bad = canonicalJson({
      schema: "observatory.history-segment/1",
      entries: [{ e: "20300101T000004.000Z-0000", c: [["openai/gpt-4o", "name"]] }],
    });
    await writeFile(join(dir, "history", `${sha256Hex(bad)}.json`), bad);
    const ref = { hash: sha256Hex(bad), first: "20300101T000004.000Z-0000", entries: 1 };
    const broken = { ...h, segments: [...h.segments, { ...ref, last: ref.first }] };
    await writeFile(
      join(dir, "objects", `${sha256Hex(canonicalJson(broken))}.json`),
      canonicalJson(broken),
    );
    manifest = { ...manifest, history: sha256Hex(canonicalJson(broken)) };
    for (const options of [{}, { models: gpt4o }])
      expect((await readHistory(dir, manifest, options)).problems).toEqual([
        { file: `history/${ref.hash}.json`, reason: "history segment does not match its schema" },
      ]);
  });
});

describe("the current epoch's history (readCurrentHistory)", () => {
  it("reads the pointer's manifest and history only; falls back when the manifest does not verify", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    const e1 = (await w.commit(draft({ openai: [gpt("0.0000025")] }))).epochId;
    const e2 = (await w.commit(draft({ openai: [gpt("0.000003")] }))).epochId;
    await w.close();
    const current = (await readCurrentEpoch(dir)).epoch!;
    const ok = await readCurrentHistory(dir, { strict: true });
    expect(ok).toMatchObject({ epochId: e2, fellBack: false, epochs: 2, present: true });

    // The epoch's snapshot is not read: its damage does not move a history reader.
    const snapshot = current.manifest.providers["openai"]!.snapshot!;
    await writeFile(join(dir, "objects", `${snapshot}.json`), "garbage");
    expect(await readCurrentHistory(dir, { strict: true })).toMatchObject({
      epochId: e2,
      fellBack: false,
    });
    // A manifest that does not verify: the last good epoch's history, and it says so.
    await writeFile(join(dir, "epochs", `${e2}.json`), "{}");
    const back = await readCurrentHistory(dir, { strict: true });
    expect(back).toMatchObject({ epochId: e1, fellBack: true });
    expect(back.entries.map((e) => e.e)).toEqual([e1]);
  });

  it("no readable epoch is STATE_CORRUPT; a damaged history is HISTORY_DAMAGED when strict, or when nothing of it reads", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    const e1 = (await w.commit(draft({ openai: [gpt("0.0000025")] }))).epochId;
    await w.close();
    const { manifest } = (await readCurrentEpoch(dir)).epoch!;
    await writeFile(join(dir, "objects", `${manifest.history}.json`), "garbage");
    for (const strict of [true, false])
      await expect(readCurrentHistory(dir, { strict })).rejects.toMatchObject({
        code: "HISTORY_DAMAGED",
        exitCode: 5,
      });
    await writeFile(join(dir, "epochs", `${e1}.json`), "{}");
    await expect(readCurrentHistory(dir, { strict: false })).rejects.toMatchObject({
      code: "STATE_CORRUPT",
      exitCode: 5,
    });
  });
});

describe("points in time", () => {
  const entries: HistoryEntry[] = [
    { e: "20261101T120000.000Z-0000", b: true },
    { e: "20261102T120000.000Z-0000" },
    { e: "20261103T120000.000Z-0000" },
  ];
  const now = new Date("2026-11-04T12:00:00Z");
  it.each([
    ["20261102T120000.000Z-0000", "20261102T120000.000Z-0000"],
    ["@-1", "20261102T120000.000Z-0000"],
    ["now", "20261103T120000.000Z-0000"],
    ["2d", "20261102T120000.000Z-0000"],
    ["36h", "20261102T120000.000Z-0000"],
    ["2026-11-03", "20261102T120000.000Z-0000"],
    ["2026-11-03T12:00:00Z", "20261103T120000.000Z-0000"],
    ["2026-11-03T13:00", "20261103T120000.000Z-0000"],
  ])("%s is %s", (spec, id) => {
    expect(resolvePoint(entries, spec, now)).toEqual({ ok: true, epochId: id });
  });
  it.each([
    ["@-3", "outside", "holds 3 epochs"],
    ["2026-10-01", "outside", "before the history begins"],
    ["20261102T120000.000Z-0009", "outside", "not in the history"],
    ["yesterday", "invalid", "expected an epoch id"],
    ["2026-13-45", "invalid", "not a valid date"],
  ])("%s is refused (%s): %s", (spec, kind, why) => {
    const r = resolvePoint(entries, spec, now);
    expect(r).toMatchObject({ ok: false, kind });
    expect(r.ok ? "" : r.reason).toContain(why);
  });
});

/** Rewrites the current manifest as an older writer would have: no history field. */
async function dropHistoryFromCurrent(dir: string): Promise<void> {
  const pointer = JSON.parse(await readFile(join(dir, "current_epoch.json"), "utf8"));
  const path = join(dir, "epochs", `${pointer.epoch_id}.json`);
  const manifest = JSON.parse(await readFile(path, "utf8"));
  delete manifest.history;
  const bytes = canonicalJson(manifest);
  await writeFile(path, bytes);
  pointer.manifest_hash = sha256Hex(bytes);
  await writeFile(join(dir, "current_epoch.json"), `${JSON.stringify(pointer)}\n`);
}

describe("the hand check of history entries", () => {
  it("accepts exactly what HistoryEntrySchema accepts", () => {
    const value = fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.object());
    const epoch = fc.oneof(
      fc.constant("20261207T025255.000Z-0000"),
      fc.constant("2026-12-07"),
      fc.string(),
      fc.integer(),
    );
    const change = fc.oneof(
      fc.tuple(fc.string(), fc.string(), value, value),
      fc.array(fc.oneof(fc.string(), value), { maxLength: 5 }),
      value,
    );
    const entry = fc.oneof(
      fc.record(
        { e: epoch, b: fc.oneof(fc.constant(true), value), c: fc.array(change, { maxLength: 3 }) },
        { requiredKeys: [] },
      ),
      fc.record({ e: epoch, c: fc.array(change), x: value }, { requiredKeys: ["e"] }),
      value,
      fc.array(value),
    );
    fc.assert(
      fc.property(entry, (v) => {
        expect(isEntry(v)).toBe(HistoryEntrySchema.safeParse(v).success);
      }),
      { numRuns: 2000 },
    );
  });

  it("accepts exactly the heads HistoryHeadSchema accepts", () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean());
    const epoch = fc.oneof(fc.constant("20261207T025255.000Z-0000"), fc.string());
    const ref = fc.oneof(
      fc.record(
        {
          hash: fc.oneof(fc.constant("a".repeat(64)), fc.constant("A".repeat(64)), fc.string()),
          first: epoch,
          last: epoch,
          entries: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.double(), value),
        },
        { requiredKeys: [] },
      ),
      fc.record({ hash: fc.constant("b".repeat(64)), extra: value }),
      value,
    );
    const entry = fc.oneof(
      fc.record({ e: epoch, c: fc.array(fc.tuple(fc.string(), fc.string(), value, value)) }),
      value,
    );
    const head = fc.oneof(
      fc.record(
        {
          schema: fc.oneof(fc.constant("observatory.history/1"), fc.string()),
          segments: fc.oneof(fc.array(ref, { maxLength: 3 }), value),
          entries: fc.oneof(fc.array(entry, { maxLength: 3 }), value),
        },
        { requiredKeys: [] },
      ),
      fc.record({
        schema: fc.constant("observatory.history/1"),
        segments: fc.constant([]),
        entries: fc.constant([]),
        x: value,
      }),
      value,
    );
    fc.assert(
      fc.property(head, (v) => {
        expect(isHead(v)).toBe(HistoryHeadSchema.safeParse(v).success);
      }),
      { numRuns: 3000 },
    );
  });
});
