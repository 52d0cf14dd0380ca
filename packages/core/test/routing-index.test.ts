// The routing index every epoch with a registry gets: what it holds, that it follows the
// registry, store and snapshots it was derived from, and that retention and readers treat it as
// part of the epoch.
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BenchEntry, BenchmarkStore } from "../src/bench-store/schema.js";
import { DEFAULT_DETECTOR_PARAMS, initialDetectorState } from "../src/drift/index.js";
import { updateRegistry } from "../src/registry/update.js";
import { buildRoutingIndex } from "../src/routing/build.js";
import { RoutingIndexSchema, StoredRoutingIndexSchema } from "../src/routing/schema.js";
import { readCurrentEpoch } from "../src/state/read-epoch.js";
import { snapshot, tempStateDir, writer } from "./helpers.js";

const snap = snapshot("p", [
  { id: "a", context_length: 200_000, pricing: { prompt: "0.0000025" }, capabilities: ["tools"] },
  { id: "b", context_length: 8_192 },
]);
const registry = updateRegistry(null, {
  epochId: "e1",
  snapshots: { p: snap },
  freshProviders: new Set(["p"]),
  calls: [
    { provider: "p", model_id: "a", outcome: "ok", latency_ms: 120 },
    { provider: "p", model_id: "a", outcome: "error", latency_ms: null },
  ],
});
const entry = (over: Partial<BenchEntry>, streak = 0): BenchEntry => ({
  state: { ...initialDetectorState(), streak },
  observed_in: "e1",
  last_verdict: "MATCH",
  baseline_since: "e0",
  drift: null,
  ...over,
});
const store: BenchmarkStore = {
  schema: "observatory.benchmarks/1",
  params: DEFAULT_DETECTOR_PARAMS,
  models: {
    "p/a": {
      arith: entry({}),
      json: entry({ last_verdict: "CANDIDATE" }, 2),
      code: entry({ drift: { epoch_id: "e0", severity: "HIGH" } }),
    },
    "p/b": { arith: entry({ last_verdict: "VARIANT" }) },
  },
};

/** A draft with a real registry and store, the kind obs-poll commits. */
const fullDraft = () => ({
  fingerprintScheme: "semantic-v1",
  providers: { p: { snapshot: snap } },
  registry,
  benchmarks: store,
  events: [],
});

describe("routing index", () => {
  it("holds the registry's scalars per model as columns, with the call count, in key order", () => {
    const idx = buildRoutingIndex(registry, store);
    expect(RoutingIndexSchema.parse(idx)).toEqual(idx);
    expect(idx.schema).toBe("observatory.routing/2");
    expect(idx.providers).toEqual(["p"]);
    expect(idx.models).toEqual({
      provider: [0, 0],
      model_id: ["a", "b"],
      present: [true, true],
      removed_in: [null, null],
      context_length: [200_000, 8_192],
      max_output_tokens: [null, null],
      cost_class: ["mid", null],
      supports_tools: [true, null],
      deprecation_date: [null, null],
      expiration_date: [null, null],
      reliability: [0.5, null],
      latency_p50_ms: [120, null],
      latency_p95_ms: [120, null],
      calls: [2, 0],
      // No snapshots given: no flags (the writer sets them from the epoch's snapshots).
      capabilities: [null, null],
    });
  });

  it("carries each model's flags as its snapshot lists them, each distinct set once", () => {
    const listing = snapshot("q", [
      { id: "chat", capabilities: ["input:text", "output:text"] },
      { id: "img", capabilities: ["input:text", "output:image"] },
      { id: "chat2", capabilities: ["input:text", "output:text"] },
      { id: "bare" },
    ]);
    const reg = updateRegistry(null, {
      epochId: "e1",
      snapshots: { p: snap, q: listing },
      freshProviders: new Set(["p", "q"]),
      calls: [],
    });
    const idx = buildRoutingIndex(reg, null, { p: snap, q: listing, gone: null });
    expect(StoredRoutingIndexSchema.parse(idx)).toEqual(idx);
    expect(idx.models.model_id).toEqual(["a", "b", "bare", "chat", "chat2", "img"]);
    expect(idx.capability_sets).toEqual([
      ["tools"],
      ["input:text", "output:text"],
      ["input:text", "output:image"],
    ]);
    expect(idx.models.capabilities).toEqual([0, null, null, 1, 1, 2]);
  });

  it("is refused by its schema when a column is short or an index points nowhere", () => {
    const idx = buildRoutingIndex(registry, store, { p: snap });
    const with_ = (models: Partial<typeof idx.models>) => ({
      ...idx,
      models: { ...idx.models, ...models },
    });
    expect(RoutingIndexSchema.safeParse(idx).success).toBe(true);
    expect(RoutingIndexSchema.safeParse(with_({ calls: [2] })).success).toBe(false);
    expect(RoutingIndexSchema.safeParse(with_({ provider: [0, 1] })).success).toBe(false);
    expect(RoutingIndexSchema.safeParse(with_({ capabilities: [0, 1] })).success).toBe(false);
  });

  it("keeps only probes a router must see: a recorded drift or a change on a streak", () => {
    const idx = buildRoutingIndex(registry, store);
    expect(idx.probes).toEqual({
      "p/a": {
        code: {
          last_verdict: "MATCH",
          streak: 0,
          observed_in: "e1",
          baseline_since: "e0",
          drift: { epoch_id: "e0", severity: "HIGH" },
        },
        json: {
          last_verdict: "CANDIDATE",
          streak: 2,
          observed_in: "e1",
          baseline_since: "e0",
          drift: null,
        },
      },
    });
  });

  it("is committed with every epoch that has a registry, and carried while nothing changes", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    const first = await w.commit(fullDraft());
    const second = await w.commit({ fingerprintScheme: "semantic-v1", providers: {}, events: [] });
    const third = await w.commit({
      fingerprintScheme: "semantic-v1",
      providers: {},
      registry: { not: "a registry" },
      events: [],
    });
    await w.close();

    const hash = first.manifest.routing!;
    const onDisk = JSON.parse(await readFile(join(dir, "objects", `${hash}.json`), "utf8"));
    expect(onDisk).toEqual(buildRoutingIndex(registry, store, { p: snap }));
    expect(second.manifest.routing).toBe(hash);
    // A writer handed something that is not a registry gets no index; readers use the registry.
    expect(third.manifest.routing).toBeNull();
  });

  it("is the same whether the writer derives it or the caller hands it over typed", async () => {
    const commitWith = async (routing?: ReturnType<typeof buildRoutingIndex>) => {
      const w = await writer(await tempStateDir());
      const c = await w.commit({ ...fullDraft(), ...(routing ? { routing } : {}) });
      await w.close();
      return c.manifest.routing;
    };
    // The caller's index has no flags: the writer sets them from the epoch's snapshots.
    expect(await commitWith(buildRoutingIndex(registry, store))).toBe(await commitWith());
  });

  it("is derived again when a snapshot changes, even with the same registry and store", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    const first = await w.commit(fullDraft());
    const relisted = snapshot("p", [
      {
        id: "a",
        context_length: 200_000,
        pricing: { prompt: "0.0000025" },
        capabilities: ["chat"],
      },
      { id: "b", context_length: 8_192 },
    ]);
    const second = await w.commit({
      fingerprintScheme: "semantic-v1",
      providers: { p: { snapshot: relisted } },
      events: [],
    });
    await w.close();
    expect(second.manifest.routing).not.toBe(first.manifest.routing);
    const onDisk = JSON.parse(
      await readFile(join(dir, "objects", `${second.manifest.routing}.json`), "utf8"),
    );
    expect(onDisk).toEqual(buildRoutingIndex(registry, store, { p: relisted }));
    expect(onDisk.capability_sets).toEqual([["chat"]]);
  });

  it("is part of the epoch: a damaged index makes the epoch unusable, not silently partial", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir);
    const c = await w.commit(fullDraft());
    await w.close();
    await rm(join(dir, "objects", `${c.manifest.routing}.json`));
    const r = await readCurrentEpoch(dir);
    expect(r.epoch).toBeNull();
    expect(r.problems.map((p) => p.file)).toContain(`objects/${c.manifest.routing}.json`);
  });

  it("survives retention with the epochs that name it", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir, { retainEpochs: 2 });
    const c = await w.commit(fullDraft());
    for (let i = 0; i < 4; i++) {
      await w.commit({ fingerprintScheme: "semantic-v1", providers: {}, events: [] });
    }
    await w.close();
    const r = await readCurrentEpoch(dir);
    expect(r.problems).toEqual([]);
    expect(r.epoch?.manifest.routing).toBe(c.manifest.routing);
  });
});
