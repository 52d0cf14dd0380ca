import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readEvents } from "../src/events/log.js";
import { sha256Hex } from "../src/state/canonical-json.js";
import { epochTime, nextEpochId } from "../src/state/epoch-id.js";
import { readCurrentEpoch } from "../src/state/read-epoch.js";
import { snapshot, tempStateDir, writer } from "./helpers.js";

describe("epoch ids", () => {
  it("are unique and sortable for many commits in the same millisecond", () => {
    const now = new Date("2026-11-21T05:20:29.123Z");
    const ids: string[] = [];
    let last: string | null = null;
    for (let i = 0; i < 50; i++) {
      last = nextEpochId(now, last);
      ids.push(last);
    }
    expect(new Set(ids).size).toBe(50);
    expect([...ids].sort()).toEqual(ids);
    expect(epochTime(ids[0]!).toISOString()).toBe("2026-11-21T05:20:29.123Z");
  });

  it("stay increasing when the clock steps backwards", () => {
    const later = nextEpochId(new Date("2026-11-21T06:00:00Z"), null);
    const next = nextEpochId(new Date("2026-11-21T05:00:00Z"), later);
    expect(next > later).toBe(true);
  });
});

describe("commit and read", () => {
  it("reads back exactly what was committed, with every hash verified", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    const snap = snapshot("openai", [
      { id: "gpt-4o", context_length: 128000, pricing: { prompt: "0.0000025" } },
    ]);
    const c = await w.commit({
      fingerprintScheme: "semantic-v1",
      providers: { openai: { snapshot: snap } },
      registry: { models: {} },
      benchmarks: null,
      events: [
        {
          type: "MODEL_ADDED",
          severity: "INFO",
          provider: "openai",
          model_id: "gpt-4o",
          fingerprint: "f",
        },
      ],
    });
    await w.close();

    const r = await readCurrentEpoch(dir);
    expect(r.problems).toEqual([]);
    expect(r.epoch?.epochId).toBe(c.epochId);
    expect(r.epoch?.snapshots["openai"]).toEqual(snap);
    expect(r.epoch?.registry).toEqual({ models: {} });
    const manifestBytes = await readFile(join(dir, "epochs", `${c.epochId}.json`));
    expect(sha256Hex(manifestBytes)).toBe(c.manifestHash);
    const pointer = JSON.parse(await readFile(join(dir, "current_epoch.json"), "utf8"));
    expect(pointer).toMatchObject({ epoch_id: c.epochId, manifest_hash: c.manifestHash });
    const { events } = await readEvents(dir);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "MODEL_ADDED", epoch_id: c.epochId });
  });

  it("chains epochs by parent and carries a failed provider's snapshot forward", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    const first = await w.commit({
      fingerprintScheme: "semantic-v1",
      providers: {
        openai: { snapshot: snapshot("openai", [{ id: "a" }]) },
        mistral: { snapshot: snapshot("mistral", [{ id: "m" }]) },
      },
      events: [],
    });
    const second = await w.commit({
      fingerprintScheme: "semantic-v1",
      providers: {
        openai: { error: { code: "server", message: "HTTP 503" } },
        google: { error: { code: "auth", message: "HTTP 401" } },
      },
      events: [],
    });
    await w.close();
    const m = second.manifest;
    expect(m.parent).toEqual({ epoch_id: first.epochId, manifest_hash: first.manifestHash });
    expect(m.providers["openai"]).toMatchObject({
      status: "carried_forward",
      from_epoch: first.epochId,
      snapshot: first.manifest.providers["openai"]!.snapshot,
      error: { code: "server" },
    });
    // Not polled this run: carried forward without an error.
    expect(m.providers["mistral"]).toMatchObject({
      status: "carried_forward",
      from_epoch: first.epochId,
    });
    expect(m.providers["mistral"]).not.toHaveProperty("error");
    expect(m.providers["google"]).toMatchObject({ status: "error", snapshot: null });
    const r = await readCurrentEpoch(dir);
    expect(r.epoch?.snapshots["openai"]?.models.map((x) => x.id)).toEqual(["a"]);
  });

  it("stores an unchanged snapshot once: a no-change commit adds a manifest and nothing else", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    const models = Array.from({ length: 300 }, (_, i) => ({
      id: `model-${i}`,
      context_length: 8192 + i,
    }));
    const draft = {
      fingerprintScheme: "semantic-v1",
      providers: { openrouter: { snapshot: snapshot("openrouter", models) } },
      registry: { r: 1 },
      benchmarks: { b: 1 },
      events: [],
    };
    const first = await w.commit(draft);
    const objectsBefore = await readdir(join(dir, "objects"));
    const c = await w.commit(draft);
    await w.close();
    // Not even a history head: the manifest names the same one and lists this epoch as quiet.
    expect((await readdir(join(dir, "objects"))).sort()).toEqual([...objectsBefore].sort());
    expect(c.manifest.history).toBe(first.manifest.history);
    expect(c.manifest.history_quiet).toEqual([c.epochId]);
    const manifestSize = (await stat(join(dir, "epochs", `${c.epochId}.json`))).size;
    expect(manifestSize).toBeLessThan(2048);
  });

  it("an empty state directory reads as no epoch, without problems", async () => {
    const dir = await tempStateDir();
    const r = await readCurrentEpoch(dir);
    expect(r).toMatchObject({ epoch: null, fellBack: false, problems: [] });
  });
});
