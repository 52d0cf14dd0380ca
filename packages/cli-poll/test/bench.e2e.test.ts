// Benchmarks end to end: nondeterminism stays VARIANT, a permanent change becomes a confirmed
// DRIFT with tier severity and evidence, failures are no data, locked baselines never go silent.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BenchmarkStoreSchema, RegistrySchema, readCurrentEpoch } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { type BinResult, harness, ofType, runOf } from "./harness.js";

const verdicts = (r: BinResult, probe: string) =>
  ofType(r, "BENCHMARK_RESULT")
    .filter((e) => e["probe"] === probe)
    .map((e) => e["verdict"]);

describe("obs-bench and obs-poll --benchmark", () => {
  it("sampling flips are absorbed as VARIANT over many polls; no BEHAVIOR_DRIFT", async () => {
    const h = await harness(
      {
        seed: 7,
        answers: [
          {
            provider: "openai",
            model: "gpt-4o",
            prompt: 1,
            flip: { rate: 0.25, surfaces: ["5", "The answer is 5."] },
          },
        ],
      },
      ["openai"],
    );
    await h.run("obs-poll");
    const seen: unknown[] = [];
    let calls = 0;
    for (let i = 0; i < 12; i++) {
      const r = await h.run("obs-bench", ["--models", "openai/gpt-4o"]);
      expect(r.code).toBe(0);
      expect(ofType(r, "BEHAVIOR_DRIFT")).toEqual([]);
      seen.push(...verdicts(r, "arithmetic"));
      calls += ofType(r, "BENCHMARK_RESULT").reduce((n, e) => n + Number(e["calls"]), 0);
      h.server.scenario.advance();
    }
    expect(seen).toContain("VARIANT");
    expect(seen).not.toContain("DRIFT");
    // Confirmation only on mismatch: well under R calls per probe on average.
    expect(calls / (12 * 6)).toBeLessThan(1.6);
  });

  it("a permanent change is confirmed as DRIFT on the third poll, with tier severity and evidence", async () => {
    const h = await harness(
      {
        seed: 11,
        answers: [
          {
            provider: "openai",
            model: "gpt-4o",
            prompt: 5,
            change: { fromPoll: 3, surfaces: ["get_weather('Tokyo', 'celsius')"] },
          },
        ],
      },
      ["openai"],
    );
    await h.run("obs-poll");
    const seen: unknown[] = [];
    let drift: BinResult | undefined;
    for (let poll = 1; poll <= 6; poll++) {
      const r = await h.run("obs-bench", ["--models", "openai/gpt-4o"]);
      seen.push(verdicts(r, "tool_call")[0]);
      if (ofType(r, "BEHAVIOR_DRIFT").length > 0) drift = drift ?? r;
      h.server.scenario.advance();
    }
    expect(seen).toEqual(["BASELINE", "MATCH", "CANDIDATE", "CANDIDATE", "DRIFT", "MATCH"]);
    expect(drift?.code).toBe(1);
    const [event] = ofType(drift!, "BEHAVIOR_DRIFT");
    expect(event).toMatchObject({
      severity: "CRITICAL",
      probe: "tool_call",
      tier: 4,
      evidence: {
        old_value: 'get_weather(city="Tokyo",units="celsius")',
        rule: "streak",
        streak: 3,
      },
    });
    expect(drift!.stderr).toContain("BEHAVIOR_DRIFT");
  });

  it("failed calls are BENCHMARK_FAILURE and no data, never a mismatch; rate limits do not count against reliability", async () => {
    const h = await harness(
      {
        seed: 5,
        faults: [
          {
            provider: "openai",
            route: "chat",
            model: "gpt-4o-mini",
            fromPoll: 2,
            fault: { type: "status", status: 500 },
          },
          {
            provider: "openai",
            route: "chat",
            model: "gpt-4.1",
            fromPoll: 2,
            fault: { type: "status", status: 429, retryAfterSeconds: 1 },
          },
        ],
      },
      ["openai"],
    );
    await h.run("obs-poll");
    const models = "openai/gpt-4o-mini,openai/gpt-4.1";
    await h.run("obs-bench", ["--models", models]);
    for (let i = 0; i < 3; i++) {
      h.server.scenario.advance();
      const r = await h.run("obs-bench", ["--models", models]);
      expect(ofType(r, "BEHAVIOR_DRIFT")).toEqual([]);
      expect(ofType(r, "BENCHMARK_FAILURE").length).toBe(12);
      expect(new Set(verdicts(r, "echo"))).toEqual(new Set(["NO_DATA"]));
      expect(r.code).toBe(3); // every call failed: nothing could be measured
    }
    const epoch = (await readCurrentEpoch(h.stateDir)).epoch!;
    const reg = RegistrySchema.parse(epoch.registry);
    expect(reg.models["openai/gpt-4o-mini"]?.reliability).toBeLessThan(0.5);
    // 429s are excluded: only the first, successful poll counts.
    expect(reg.models["openai/gpt-4.1"]?.reliability).toBe(1);
    const store = BenchmarkStoreSchema.parse(epoch.benchmarks);
    expect(store.models["openai/gpt-4o-mini"]?.["echo"]).toMatchObject({
      last_verdict: "NO_DATA",
      state: { baseline: "ok" },
    });
  });

  it("a locked baseline that got no observation is BENCHMARK_MISSING (WARN)", async () => {
    const h = await harness(
      {
        seed: 5,
        faults: [
          {
            provider: "openai",
            route: "chat",
            model: "gpt-4o",
            fromPoll: 2,
            fault: { type: "html", status: 502 },
          },
        ],
      },
      ["openai"],
    );
    await h.run("obs-poll");
    await h.run("obs-bench", ["--models", "openai/gpt-4o"]);
    const epoch = (await readCurrentEpoch(h.stateDir)).epoch!;
    await mkdir(join(h.stateDir, "locks"), { recursive: true });
    await writeFile(
      join(h.stateDir, "locks", "paper.lock.json"),
      JSON.stringify({
        name: "paper",
        epoch_id: epoch.epochId,
        baselines: { "openai/gpt-4o": { echo: "ok", json: "{}" } },
      }),
    );
    h.server.scenario.advance();
    const r = await h.run("obs-bench", ["--models", "openai/gpt-4o"]);
    expect(ofType(r, "BENCHMARK_MISSING")).toEqual([
      expect.objectContaining({
        severity: "WARN",
        lock: "paper",
        model_id: "gpt-4o",
        probe: "echo",
      }),
      expect.objectContaining({
        severity: "WARN",
        lock: "paper",
        model_id: "gpt-4o",
        probe: "json",
      }),
    ]);
  });

  it("--probes adds the user's probes next to the built-ins; a bad probe file is exit 2 before any call", async () => {
    const prompt = "Reply with one word: the capital of France?";
    const h = await harness(
      {
        seed: 4,
        answers: [
          { provider: "openai", model: "gpt-4o", prompt, surfaces: ["Paris.", "**Paris**"] },
        ],
      },
      ["openai"],
    );
    await h.run("obs-poll");
    const file = join(h.stateDir, "..", "probes.json");
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        probes: [{ id: "capital", tier: 2, kind: "exact", prompt, expected: "Paris" }],
      }),
    );
    const r = await h.run("obs-bench", ["--models", "openai/gpt-4o", "--probes", file]);
    expect(ofType(r, "BENCHMARK_RESULT").map((e) => e["probe"])).toContain("capital");
    expect(ofType(r, "BENCHMARK_RESULT").find((e) => e["probe"] === "capital")).toMatchObject({
      verdict: "BASELINE",
      value: "paris",
      tier: 2,
    });
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        probes: [{ id: "echo", tier: 9, kind: "exact", prompt, expected: "x" }],
      }),
    );
    h.server.scenario.clearCalls();
    const bad = await h.run("obs-bench", ["--models", "openai/gpt-4o", "--probes", file]);
    expect(bad.code).toBe(2);
    // Both problems of the entry, each at its place, in one run.
    expect(bad.stderr).toContain('probes[0].id: "echo" is already used');
    expect(bad.stderr).toContain("probes[0].tier: must be a whole number from 1 to 4, got 9");
    expect(h.server.scenario.calls({ route: "chat" })).toEqual([]);
  });

  it("obs-bench refuses an unknown model before making any call, and says when there is nothing to benchmark", async () => {
    const h = await harness(
      {
        seed: 1,
        faults: [{ route: "models", untilPoll: 1, fault: { type: "status", status: 403 } }],
      },
      ["openai"],
    );
    // No state yet: the same words and exit code as every tool that reads state.
    const none = await h.run("obs-bench");
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^obs-bench: error: no state at /m);
    expect(none.stderr).toMatch(/^hint: run obs-poll --state-dir /m);
    expect(runOf(none)).toMatchObject({ status: "nothing_committed", exit_code: 2 });
    // An epoch whose only provider never listed: nothing to benchmark, and no empty epoch.
    expect((await h.run("obs-poll")).code).toBe(3);
    const before = (await readCurrentEpoch(h.stateDir)).epoch!.epochId;
    const empty = await h.run("obs-bench");
    expect(empty.code).toBe(3);
    expect(empty.stderr).toContain("run obs-poll first");
    expect(runOf(empty)).toMatchObject({
      status: "nothing_committed",
      epoch_id: null,
      exit_code: 3,
    });
    expect((await readCurrentEpoch(h.stateDir)).epoch!.epochId).toBe(before);
    h.server.scenario.advance();
    await h.run("obs-poll");
    h.server.scenario.clearCalls();
    const r = await h.run("obs-bench", ["--models", "openai/no-such-model"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no-such-model");
    expect(runOf(r)).toMatchObject({ status: "nothing_committed", exit_code: 2 });
    expect(h.server.scenario.calls({ route: "chat" })).toEqual([]);
  });
});
