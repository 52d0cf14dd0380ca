// BENCHMARK_MISSING is news once: a standing finding is not reported again until it changes.
import type { LockCore, Verdict } from "@observatory/core";
import { describe, expect, it } from "vitest";
import type { BenchApplied } from "./bench-apply.js";
import { missingForLocks } from "./missing.js";
import type { ReportedMissing } from "./poll-state.js";

const lock: LockCore = {
  name: "paper",
  epoch_id: "e1",
  baselines: { "openai/a": { echo: "ok" }, "openai/b": { echo: "ok", json: "{}" } },
};
const tiers = new Map([
  ["echo", 1],
  ["json", 3],
]);

function applied(
  verdicts: Array<[model: string, probe: string, verdict: Verdict["verdict"]]>,
): BenchApplied {
  return {
    store: { schema: "observatory.benchmarks/1", params: {} as never, models: {} },
    events: [],
    verdicts: verdicts.map(([model_id, probe, verdict]) => ({
      provider: "openai",
      model_id,
      probe,
      verdict: { verdict } as Verdict,
    })),
  };
}

const run = (
  a: BenchApplied,
  reported: Record<string, ReportedMissing[]>,
  benched = new Set(["openai"]),
) => missingForLocks([lock], benched, a, tiers, reported);

describe("missingForLocks", () => {
  it("reports each missing locked pair once, then stays quiet while it stands", () => {
    const onlyA = applied([["a", "echo", "MATCH"]]);
    const first = run(onlyA, {});
    expect(
      first.events.map((e) => [e.type, "model_id" in e && e.model_id, "probe" in e && e.probe]),
    ).toEqual([
      ["BENCHMARK_MISSING", "b", "echo"],
      ["BENCHMARK_MISSING", "b", "json"],
    ]);
    expect(first.standing["openai"]).toEqual([
      { lock: "paper", model_id: "b", probe: "echo", reason: "not benchmarked in this run" },
      { lock: "paper", model_id: "b", probe: "json", reason: "not benchmarked in this run" },
    ]);
    const second = run(onlyA, first.standing);
    expect(second.events).toEqual([]);
    expect(second.standing).toEqual(first.standing);
  });

  it("reports again when the reason changes", () => {
    const first = run(applied([["a", "echo", "MATCH"]]), {});
    const failing = run(
      applied([
        ["a", "echo", "MATCH"],
        ["b", "echo", "NO_DATA"],
        ["b", "json", "MATCH"],
      ]),
      first.standing,
    );
    expect(failing.events).toEqual([
      expect.objectContaining({
        model_id: "b",
        probe: "echo",
        reason: "every call failed or was unreadable",
      }),
    ]);
    // b/json got data: it is no longer standing.
    expect(failing.standing["openai"]).toHaveLength(1);
  });

  it("reports again when a pair got data in between and then went missing again", () => {
    const missing = applied([["a", "echo", "MATCH"]]);
    const first = run(missing, {});
    const all = run(
      applied([
        ["a", "echo", "MATCH"],
        ["b", "echo", "MATCH"],
        ["b", "json", "MATCH"],
      ]),
      first.standing,
    );
    expect(all.events).toEqual([]);
    expect(all.standing["openai"]).toEqual([]);
    expect(run(missing, all.standing).events).toHaveLength(2);
  });

  it("a provider not benchmarked in this run neither reports nor forgets", () => {
    const first = run(applied([["a", "echo", "MATCH"]]), {});
    const other = run(applied([]), first.standing, new Set(["mistral"]));
    expect(other.events).toEqual([]);
    expect(other.standing).toEqual({ mistral: [] });
  });
});
