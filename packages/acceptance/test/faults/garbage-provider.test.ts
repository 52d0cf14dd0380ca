// The fault suite's bad provider: every kind of garbage a provider (or a proxy in front of it)
// can return, on the listing and on benchmark calls. A poll that gets garbage from one provider
// is a partial epoch: POLL_ERROR, the provider carried forward with all its models, no removal,
// exit 0; garbage answers to benchmarks are BENCHMARK_FAILURE (no data), never a drift.
import { readCurrentEpoch } from "@observatory/core";
import type { Fault } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { crashSigns, ofType } from "../../src/_support/process.js";
import { checkState } from "../../src/_support/verify-state.js";
import { world } from "../../src/_support/world.js";

const GARBAGE: Fault[] = [
  { type: "html", status: 200 },
  { type: "html", status: 502 },
  { type: "truncated" },
  { type: "malformed" },
  { type: "wrong_shape" },
  { type: "oversize", bytes: 2 * 1024 * 1024 },
  { type: "reset" },
  { type: "status", status: 500 },
];

describe("fault suite: a provider returning garbage", () => {
  it("garbage listings are POLL_ERROR with the provider carried forward; garbage answers are no data", {
    timeout: 120_000,
  }, async () => {
    const w = await world({ scenario: { seed: 41 }, providers: ["openai", "mistral"] });
    expect(
      (
        await w.run("obs-poll", [
          "--no-canary",
          "--benchmark",
          "--models",
          "mistral/mistral-large-latest",
        ])
      ).code,
    ).toBe(0);
    const listed = (await readCurrentEpoch(w.stateDir)).epoch!.snapshots["mistral"]!.models.length;

    for (const fault of GARBAGE) {
      const label = JSON.stringify(fault);
      w.server.scenario.set({
        seed: 41,
        faults: [
          { provider: "mistral", route: "models", fault },
          { provider: "openai", route: "chat", model: "gpt-4o", fault },
        ],
      });
      const r = await w.run("obs-poll", [
        "--no-canary",
        "--benchmark",
        "--models",
        "openai/gpt-4o",
        "--timeout",
        "5",
      ]);
      expect(crashSigns(r), label).toEqual([]);
      expect(r.code, `${label}: ${r.stderr}`).toBe(0);
      const errors = ofType(r, "POLL_ERROR");
      expect(
        errors.map((e) => e["provider"]),
        label,
      ).toEqual(["mistral"]);
      expect(ofType(r, "EPOCH_COMMITTED"), label).toMatchObject([
        {
          providers: { mistral: "carried_forward", openai: "fresh" },
        },
      ]);
      expect(ofType(r, "MODEL_REMOVED"), label).toEqual([]);
      expect(ofType(r, "BEHAVIOR_DRIFT"), label).toEqual([]);
      // Every benchmark call got garbage: no data, not a verdict.
      const failures = ofType(r, "BENCHMARK_FAILURE").filter((e) => e["model_id"] === "gpt-4o");
      expect(failures.length, label).toBeGreaterThan(0);
      const gpt = ofType(r, "BENCHMARK_RESULT").filter((e) => e["model_id"] === "gpt-4o");
      expect(
        gpt.filter((e) => e["verdict"] !== "NO_DATA"),
        label,
      ).toEqual([]);
      const epoch = (await readCurrentEpoch(w.stateDir)).epoch!;
      expect(epoch.snapshots["mistral"]!.models.length, label).toBe(listed);
      expect((await checkState(w.stateDir)).problems, label).toEqual([]);
    }

    // The provider recovers: fresh again, and nothing was added or removed by the episode.
    w.server.scenario.set({ seed: 41 });
    const back = await w.run("obs-poll", [
      "--no-canary",
      "--benchmark",
      "--models",
      "openai/gpt-4o",
    ]);
    expect(back.code).toBe(0);
    expect(ofType(back, "EPOCH_COMMITTED")).toMatchObject([
      { providers: { mistral: "fresh", openai: "fresh" } },
    ]);
    expect(ofType(back, "MODEL_ADDED")).toEqual([]);
    expect(ofType(back, "MODEL_REMOVED")).toEqual([]);
    expect(ofType(back, "BEHAVIOR_DRIFT")).toEqual([]);
  });
});
