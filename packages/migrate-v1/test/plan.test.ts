// The pure parts of the plan, on the fleet tree and on small tables: v1 lock hashing, epoch 0's
// snapshots, registry and benchmark conversion, and the lock mapping.
import {
  BUILTIN_PROBES,
  DEFAULT_DETECTOR_PARAMS,
  LEGACY_FINGERPRINT_SCHEME,
  sha256Hex,
} from "@observatory/core";
import { v1TreeDir } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { migrateBenchmarks } from "../src/plan/benchmarks.js";
import { buildLock } from "../src/plan/locks.js";
import { epochSnapshots, planMigration } from "../src/plan/plan.js";
import { migrateRegistry } from "../src/plan/registry.js";
import { byCodePoint, v1StructuralHashes } from "../src/v1/legacy-hashes.js";
import { readV1Tree } from "../src/v1/read-tree.js";

describe("v1 lock hashes", () => {
  it("recomputes what v1 stored in a lock taken from the same snapshots", async () => {
    const plan = planMigration(await readV1Tree(v1TreeDir("fleet")));
    const byName = Object.fromEntries(plan.locks.map((l) => [l.name, l]));
    expect(byName["prompt-ablation"]).toMatchObject({ modelIds: "verified", registry: "verified" });
    expect(byName["baseline-2025q2"]).toMatchObject({
      modelIds: "unverifiable",
      registry: "unverifiable",
    });
  });

  it("skips unreadable and empty snapshots, as v1 did, and orders by code point", () => {
    const snap = (provider: string, ids: string[]) => ({
      provider,
      raw_hash: `r-${provider}`,
      models: Object.fromEntries(ids.map((i) => [i, "x"])),
    });
    const a = v1StructuralHashes([
      { file: "b_snapshot_latest.json", json: snap("b", ["z", "a"]) },
      { file: "a_snapshot_latest.json", json: snap("a", ["m"]) },
      { file: "c_snapshot_latest.json", json: null },
      { file: "d_snapshot_latest.json", json: {} },
    ]);
    expect(a.registry).toBe(sha256Hex("a:r-a|b:r-b"));
    expect(a.modelIds).toBe(sha256Hex("a/m|b/a|b/z"));
    expect(["é", "z", "😀", "Z"].sort(byCodePoint)).toEqual(["Z", "z", "é", "😀"]);
  });
});

describe("epoch 0", () => {
  it("keeps v1 ids and fingerprints under the legacy scheme; a torn snapshot is an error entry", async () => {
    const plan = planMigration(await readV1Tree(v1TreeDir("fleet")));
    const openai = plan.providers.find((p) => p.provider === "openai")!.snapshot;
    expect(openai.fingerprint_scheme).toBe(LEGACY_FINGERPRINT_SCHEME);
    expect(openai.models.every((m) => Object.keys(m).join() === "id")).toBe(true);
    expect(Object.keys(openai.legacy_fingerprints!)).toEqual(openai.models.map((m) => m.id));
    expect(plan.providerErrors["volink"]?.code).toBe("V1_SNAPSHOT_CORRUPT");
    expect(epochSnapshots(plan)["volink"]).toBeNull();
  });
});

describe("registry", () => {
  it("carries canary history into the epoch and recomputes the window stats the v2 way", () => {
    const history = [120, 80, 100, 90, 3000].map((l, i) => ({ ok: i !== 4, latency_ms: l }));
    const { registry, stats } = migrateRegistry(
      [
        {
          model_id: "m",
          provider: "p",
          max_context_tokens: 8192,
          cost_class: "low",
          reliability: 0.8,
          canary_history: history,
        },
      ],
      0,
      new Set(["p/m", "p/new"]),
      "20260101T000000.000Z-0000",
    );
    const m = registry.models["p/m"]!;
    expect(m.history.map((h) => h.outcome)).toEqual(["ok", "ok", "ok", "ok", "error"]);
    expect(m.history.every((h) => h.epoch_id === "20260101T000000.000Z-0000")).toBe(true);
    expect(m.history[4]!.latency_ms).toBeNull();
    expect(m).toMatchObject({ reliability: 0.8, latency_p50_ms: 90, latency_p95_ms: 120 });
    expect(m).toMatchObject({ context_length: 8192, cost_class: null, present: true });
    expect(registry.models["p/new"]).toMatchObject({ present: true, history: [] });
    expect(stats).toEqual({ entries: 2, present: 2, observations: 5, skipped: 0 });
  });
});

describe("benchmarks", () => {
  it("marks every known v1 prompt hash NEEDS_REBASELINE and never invents a value", () => {
    const h = (p: string) => sha256Hex(p).slice(0, 16);
    const { store, stats } = migrateBenchmarks({
      "openai/gpt-4o": Object.fromEntries(BUILTIN_PROBES.map((p) => [h(p.prompt), "f".repeat(64)])),
      "openai/gpt-4o-mini": { [h("Say hello")]: "e".repeat(64) },
      _v2_baselines: { "x/y": { "3": { canonical_baseline: "3/10" }, "9": {} } },
      _needs_rebaseline: true,
    });
    expect(store.params).toEqual(DEFAULT_DETECTOR_PARAMS);
    expect(Object.keys(store.models["openai/gpt-4o"]!)).toEqual(BUILTIN_PROBES.map((p) => p.id));
    expect(store.models["x/y"]).toEqual({
      fraction: {
        state: expect.objectContaining({ status: "NEEDS_REBASELINE", baseline: null }),
        observed_in: null,
        last_verdict: null,
        baseline_since: null,
        drift: null,
      },
    });
    expect(JSON.stringify(store)).not.toContain("3/10");
    expect(stats).toEqual({ models: 2, pairs: 7, unknownPrompts: 2, ignoredValues: 1, skipped: 0 });
  });
});

describe("locks", () => {
  it("anchors a verified lock on epoch 0's v2 hashes and keeps an unverifiable one's v1 hashes", async () => {
    const plan = planMigration(await readV1Tree(v1TreeDir("fleet")));
    const epoch = {
      epochId: "20260101T000000.000Z-0000",
      manifestHash: "a".repeat(64),
      snapshots: epochSnapshots(plan),
    };
    for (const p of plan.locks) {
      const lock = buildLock(p, epoch, "2026-01-01T00:00:00.000Z");
      expect(lock).toMatchObject({
        behavior: "UNLOCKED_BEHAVIORAL",
        baselines: {},
        epoch_id: epoch.epochId,
      });
      if (p.registry === "verified")
        expect(lock.registry_hash).not.toBe(p.v1.provider_registry_hash);
      else expect(lock.registry_hash).toBe(p.v1.provider_registry_hash);
    }
  });
});
