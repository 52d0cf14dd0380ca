// AC5: "The system does NOT emit BEHAVIOR_DRIFT from a single observation. Drift requires
// confirmation sampling (R) and persistence (K consecutive polls or T frequency threshold)."
//
// Two models answer from a per-run plan ("A" the usual answer, "B" a different one, every call of
// that run). gpt-4o: single deviant runs, then B for good (the K rule). gpt-4o-mini: B in two of
// every three runs, never three in a row (the T rule, once the window holds ten polls).
import type { AnswerRule } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { ofType } from "../../src/_support/process.js";
import { world } from "../../src/_support/world.js";

const STREAK = "AABAABBBBBB"; // tool_call of gpt-4o
const FREQUENCY = "ABBABBABBAB"; // arithmetic of gpt-4o-mini
const TOOL_B = "get_weather('Tokyo', 'celsius')";

function answersFor(run: number): AnswerRule[] {
  const rules: AnswerRule[] = [];
  if (STREAK[run] === "B")
    rules.push({ provider: "openai", model: "gpt-4o", prompt: 5, surfaces: [TOOL_B] });
  if (FREQUENCY[run] === "B")
    rules.push({ provider: "openai", model: "gpt-4o-mini", prompt: 1, surfaces: ["5"] });
  return rules;
}

describe("AC5", () => {
  it("AC5: no BEHAVIOR_DRIFT from one observation: R confirmation samples, then K consecutive polls or frequency T", async () => {
    const w = await world({ scenario: { seed: 5 } });
    expect((await w.run("obs-poll", ["--no-canary"])).code).toBe(0);
    const tool: unknown[] = [];
    const arith: unknown[] = [];
    const drifts: Array<{ run: number; event: Record<string, unknown> }> = [];
    for (let run = 0; run < STREAK.length; run++) {
      w.server.scenario.set({ seed: 5, answers: answersFor(run) });
      const r = await w.run("obs-bench", ["--models", "openai/gpt-4o,openai/gpt-4o-mini"]);
      const results = ofType(r, "BENCHMARK_RESULT");
      const t = results.find((e) => e["model_id"] === "gpt-4o" && e["probe"] === "tool_call")!;
      const a = results.find(
        (e) => e["model_id"] === "gpt-4o-mini" && e["probe"] === "arithmetic",
      )!;
      tool.push(t["verdict"]);
      arith.push(a["verdict"]);
      // Every mismatching poll was confirmed with R = 3 samples before any verdict.
      for (const e of [t, a])
        if (e["verdict"] !== "MATCH" && e["verdict"] !== "BASELINE") expect(e["calls"]).toBe(3);
      for (const event of ofType(r, "BEHAVIOR_DRIFT")) drifts.push({ run, event });
      expect(r.code).toBe(ofType(r, "BEHAVIOR_DRIFT").length > 0 ? 1 : 0);
    }

    // Single deviant polls are candidates, never drift; the third consecutive one confirms it.
    expect(tool).toEqual([
      "BASELINE",
      "MATCH",
      "CANDIDATE",
      "MATCH",
      "MATCH",
      "CANDIDATE",
      "CANDIDATE",
      "DRIFT",
      "MATCH",
      "MATCH",
      "MATCH",
    ]);
    // Never three in a row: drift only once B holds 60 % of a window of at least ten polls.
    expect(arith).toEqual([
      "BASELINE",
      "CANDIDATE",
      "CANDIDATE",
      "MATCH",
      "CANDIDATE",
      "CANDIDATE",
      "MATCH",
      "CANDIDATE",
      "CANDIDATE",
      "MATCH",
      "DRIFT",
    ]);
    expect(drifts.map((d) => [d.run, d.event["model_id"], d.event["probe"]])).toEqual([
      [7, "gpt-4o", "tool_call"],
      [10, "gpt-4o-mini", "arithmetic"],
    ]);
    expect(drifts[0]!.event["evidence"]).toMatchObject({
      rule: "streak",
      streak: 3,
      samples: [expect.any(String), expect.any(String), expect.any(String)],
    });
    const freq = drifts[1]!.event["evidence"] as Record<string, number>;
    expect(freq).toMatchObject({ rule: "frequency", window_size: 11 });
    expect(freq["streak"]).toBeLessThan(3);
    expect(freq["window_frequency"]).toBeGreaterThanOrEqual(0.6);
  });
});
