// The routing index every epoch with a registry gets: what it holds, that it follows the
// registry and store it was derived from, and that retention and readers treat it as part of
// the epoch.
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BenchEntry, BenchmarkStore } from "../src/bench-store/schema.js";
import { DEFAULT_DETECTOR_PARAMS, initialDetectorState } from "../src/drift/index.js";
import { updateRegistry } from "../src/registry/update.js";
import { buildRoutingIndex } from "../src/routing/build.js";
import { ROUTING_COLUMNS, RoutingIndexSchema } from "../src/routing/schema.js";
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
  it("holds one row of registry scalars per model, with the call count, in key order", () => {
    const idx = buildRoutingIndex(registry, store);
    expect(RoutingIndexSchema.parse(idx)).toEqual(idx);
    expect(idx.columns).toEqual([...ROUTING_COLUMNS]);
    const rows = idx.models.map((r) =>
      Object.fromEntries(ROUTING_COLUMNS.map((c, i) => [c, r[i]])),
    );
    expect(rows.map((r) => `${r["provider"]}/${r["model_id"]}`)).toEqual(["p/a", "p/b"]);
    expect(rows[0]).toMatchObject({
      present: true,
      context_length: 200_000,
      cost_class: "mid",
      supports_tools: true,
      reliability: 0.5,
      latency_p50_ms: 120,
      calls: 2,
    });
    expect(rows[1]).toMatchObject({ context_length: 8_192, reliability: null, calls: 0 });
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
    expect(onDisk).toEqual(buildRoutingIndex(registry, store));
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
    expect(await commitWith(buildRoutingIndex(registry, store))).toBe(await commitWith());
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
