import { describe, expect, it } from "vitest";
import type { Snapshot } from "../state/schemas.js";
import { costClass } from "./cost-class.js";
import { percentile, windowStats } from "./stats.js";
import { type CallRecord, updateRegistry } from "./update.js";

const snap = (provider: string, ids: string[]): Snapshot => ({
  schema: "observatory.snapshot/1",
  provider,
  fingerprint_scheme: "semantic-v1",
  models: ids.map((id) => ({
    id,
    context_length: 200_000,
    pricing: { prompt: "0.0000025" },
    capabilities: ["tools"],
  })),
});
const call = (
  model: string,
  outcome: CallRecord["outcome"],
  latency: number | null = 100,
): CallRecord => ({
  provider: "p",
  model_id: model,
  outcome,
  latency_ms: latency,
});

describe("window statistics", () => {
  it("p95 of 20 values is the 19th smallest, not the maximum", () => {
    const sorted = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    expect(percentile(sorted, 0.95)).toBe(190);
    expect(percentile(sorted, 0.5)).toBe(100);
    expect(percentile([42], 0.95)).toBe(42);
    expect(percentile([], 0.5)).toBeNull();
  });

  it("rate limits count neither as success nor failure", () => {
    const h = [
      { epoch_id: "e", outcome: "ok" as const, latency_ms: 100 },
      { epoch_id: "e", outcome: "rate_limited" as const, latency_ms: null },
      { epoch_id: "e", outcome: "rate_limited" as const, latency_ms: null },
      { epoch_id: "e", outcome: "error" as const, latency_ms: null },
    ];
    expect(windowStats(h).reliability).toBe(0.5);
  });
});

describe("registry update", () => {
  it("takes context, cost class and tool support from metadata", () => {
    const r = updateRegistry(null, {
      epochId: "e1",
      snapshots: { p: snap("p", ["a"]) },
      freshProviders: new Set(["p"]),
      calls: [],
    });
    expect(r.models["p/a"]).toMatchObject({
      present: true,
      context_length: 200_000,
      cost_class: "mid",
      supports_tools: true,
    });
  });

  it("keeps a sliding window of calls and computes reliability over it", () => {
    let r = updateRegistry(null, {
      epochId: "e0",
      snapshots: { p: snap("p", ["a"]) },
      freshProviders: new Set(["p"]),
      calls: [],
      window: 5,
    });
    for (let i = 0; i < 8; i++) {
      r = updateRegistry(r, {
        epochId: `e${i + 1}`,
        snapshots: { p: snap("p", ["a"]) },
        freshProviders: new Set(["p"]),
        calls: [call("a", i < 4 ? "error" : "ok", 100 + i)],
      });
    }
    const e = r.models["p/a"]!;
    expect(e.history).toHaveLength(5);
    expect(e.reliability).toBe(0.8);
    expect(e.latency_p50_ms).toBe(105);
  });

  it("marks a model gone only when a fresh listing lacks it", () => {
    const r1 = updateRegistry(null, {
      epochId: "e1",
      snapshots: { p: snap("p", ["a", "b"]) },
      freshProviders: new Set(["p"]),
      calls: [],
    });
    // The provider failed: its carried snapshot still lists b, and nothing is removed.
    const r2 = updateRegistry(r1, {
      epochId: "e2",
      snapshots: { p: snap("p", ["a", "b"]) },
      freshProviders: new Set(),
      calls: [],
    });
    expect(r2.models["p/b"]?.present).toBe(true);
    const r3 = updateRegistry(r2, {
      epochId: "e3",
      snapshots: { p: snap("p", ["a"]) },
      freshProviders: new Set(["p"]),
      calls: [],
    });
    expect(r3.models["p/b"]).toMatchObject({ present: false, removed_in: "e3" });
    const r4 = updateRegistry(r3, {
      epochId: "e4",
      snapshots: { p: snap("p", ["a", "b"]) },
      freshProviders: new Set(["p"]),
      calls: [],
    });
    expect(r4.models["p/b"]).toMatchObject({ present: true, removed_in: null });
  });

  it("classifies cost per million prompt tokens", () => {
    const c = (prompt: string) => costClass({ id: "x", pricing: { prompt } });
    expect([
      c("0"),
      c("0.00000015"),
      c("0.0000025"),
      c("0.000003"),
      c("1.5e-05"),
      c("n/a"),
    ]).toEqual(["free", "low", "mid", "high", "premium", null]);
  });
});
