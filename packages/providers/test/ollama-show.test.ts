// Ollama's listing asks /api/show once per model: in parallel up to a bound, each body capped.
import { describe, expect, it } from "vitest";
import { harness } from "./helpers.js";

function extraModels(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    name: `extra-${i}:latest`,
    model: `extra-${i}:latest`,
    digest: i.toString(16).padStart(64, "0"),
    details: { family: "llama" },
  }));
}

describe("ollama /api/show", () => {
  it("answers 200 models with several shows in flight, never more than the bound", async () => {
    const h = await harness({
      scenario: {
        latencyMs: 20,
        catalogs: { ollama: { add: [{ fromPoll: 1, models: extraModels(196) }] } },
      },
    });
    const out = await h.provider("ollama").listModels();
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value.models).toHaveLength(200);
    const peak = h.server.scenario.maxInFlight("ollama");
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(8);
    expect(h.server.scenario.calls({ provider: "ollama", route: "models" })).toHaveLength(1);
  });

  it("takes its bound from the showConcurrency option", async () => {
    const h = await harness({
      scenario: {
        latencyMs: 20,
        catalogs: { ollama: { add: [{ fromPoll: 1, models: extraModels(40) }] } },
      },
    });
    const out = await h.provider("ollama", { showConcurrency: 3 }).listModels();
    expect(out.ok).toBe(true);
    expect(h.server.scenario.maxInFlight("ollama")).toBe(3);
  });

  it("refuses a bound below 1 instead of listing no models", async () => {
    const h = await harness();
    expect(() => h.provider("ollama", { showConcurrency: 0 })).toThrow(
      /showConcurrency must be >= 1/,
    );
  });

  it("a huge /api/show body fails the listing as over budget, without reading it whole", async () => {
    const h = await harness({
      scenario: {
        faults: [
          {
            provider: "ollama",
            route: "show",
            model: "qwen2.5:7b",
            fault: { type: "oversize", bytes: 64 * 1024 * 1024 },
          },
        ],
      },
    });
    const out = await h.provider("ollama", { budgets: { showBytes: 256 * 1024 } }).listModels();
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error).toMatchObject({ kind: "over_budget", budget: "showBytes", limit: 262_144 });
    expect(out.error.message).toBe(
      "ollama show: over budget: more than 262144 bytes in one /api/show answer (raise OBS_BUDGET_SHOW_BYTES or the budgets.showBytes option)",
    );
  });
});

describe("ollama listing bytes", () => {
  it("/api/show answers count against the listing-bytes budget, even when they run in parallel", async () => {
    const h = await harness({ scenario: { latencyMs: 20 } });
    const tags = await h.provider("ollama", { budgets: { listingBytes: 1_000_000 } }).listModels();
    expect(tags.ok).toBe(true);
    const used = h.server.scenario.calls({ provider: "ollama" }).length;
    expect(used).toBe(5);
    // /api/tags is 1,362 bytes and each show ~500: every show starts with room for itself,
    // but the four in flight at once end past the budget together.
    const out = await h.provider("ollama", { budgets: { listingBytes: 2_500 } }).listModels();
    expect(out.ok ? "ok" : [out.error.kind, out.error.budget]).toEqual([
      "over_budget",
      "listingBytes",
    ]);
  });
});
