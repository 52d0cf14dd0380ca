import { describe, expect, it } from "vitest";
import { DEFAULT_SIM_CONFIG, simulateChange, simulateStable } from "./simulate.js";

const small = { ...DEFAULT_SIM_CONFIG, models: 4 };

describe("simulateStable", () => {
  it("sees only matches when a model never flips, however its answers are spelled", () => {
    // 30% surface variants go through the real canonicalizers: any that misread one would
    // show up here as a VARIANT, a CANDIDATE or even a DRIFT.
    const r = simulateStable({ ...small, flipRate: 0 }, 25);
    expect(r.steps).toBe(4 * 6 * 25);
    expect(r.verdicts).toEqual({
      NO_DATA: 0,
      BASELINE: 24,
      MATCH: 24 * 24,
      VARIANT: 0,
      CANDIDATE: 0,
      DRIFT: 0,
    });
    // One call per poll, plus two confirmations once per probe to set its baseline.
    expect(r.calls).toBe(r.steps + 24 * 2);
  });

  it("spends confirmation calls on mismatches only", () => {
    const r = simulateStable({ ...small, flipRate: 0.2 }, 50);
    expect(r.verdicts.VARIANT).toBeGreaterThan(0);
    expect(r.callsPerPoll).toBeGreaterThan(1.2);
    expect(r.callsPerPoll).toBeLessThan(1.7);
  });

  it("is reproducible from its seed, and the seed matters", () => {
    const cfg = { ...small, flipRate: 0.2, failureRate: 0.05 };
    expect(simulateStable(cfg, 40)).toEqual(simulateStable(cfg, 40));
    expect(simulateStable({ ...cfg, seed: 1 }, 40).calls).not.toBe(simulateStable(cfg, 40).calls);
  });
});

describe("simulateChange", () => {
  it("confirms a clean permanent change in exactly K polls, never sooner", () => {
    const r = simulateChange({ ...small, flipRate: 0 }, 10, 10);
    expect(r).toEqual({
      trials: 24,
      detected: 24,
      meanDelay: 3,
      worstDelay: 3,
      withinK: 1,
      falseDrifts: 0,
    });
  });

  it("still confirms every change when calls fail and answers flip", () => {
    const r = simulateChange({ ...small, flipRate: 0.1, failureRate: 0.1 }, 10, 20);
    expect(r.detected).toBe(r.trials);
    expect(r.meanDelay).toBeGreaterThanOrEqual(3);
  });
});
