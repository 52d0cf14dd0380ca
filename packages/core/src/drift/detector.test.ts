import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { confirmationsNeeded, observe, tieBreakersNeeded } from "./detector.js";
import {
  DEFAULT_DETECTOR_PARAMS,
  DetectorParamsSchema,
  type DetectorState,
  DetectorStateSchema,
  initialDetectorState,
  needsRebaselineState,
  type Sample,
  type Verdict,
} from "./detector-state.js";

const s = (value: string, surface?: string): Sample =>
  surface === undefined ? { ok: true, value } : { ok: true, value, surface };
const fail: Sample = { ok: false, reason: "timeout" };
const poll = (...values: (string | null)[]) => values.map((v) => (v === null ? fail : s(v)));

/** Run polls through the two-phase API the way a caller does, returning every verdict. */
function run(
  state: DetectorState,
  polls: Sample[][],
): { state: DetectorState; verdicts: Verdict[] } {
  const verdicts: Verdict[] = [];
  for (const samples of polls) {
    const [first, ...rest] = samples;
    const extra = confirmationsNeeded(state, first!);
    const next = observe(state, [first!, ...rest.slice(0, extra)]);
    state = next.state;
    verdicts.push(next.verdict);
  }
  return { state, verdicts };
}

const established = run(initialDetectorState(), [poll("4", "4", "4")]).state;

describe("baseline", () => {
  it("is set by the first confirmed poll, with confirmation calls even when nothing is known", () => {
    expect(confirmationsNeeded(initialDetectorState(), s("4"))).toBe(2);
    const { state, verdicts } = run(initialDetectorState(), [poll("4", null, "4")]);
    expect(verdicts).toEqual([
      { verdict: "BASELINE", value: "4", rebaseline: false, samples: ["4", "4"] },
    ]);
    expect(state.baseline).toBe("4");
  });

  it.each([
    ["all different", ["5", "4", "7"]],
    ["a majority only", ["5", "5", "4"]],
    ["one answer", ["5", null, null]],
  ])("is not set from %s, so an unlucky first answer cannot plant it", (_label, values) => {
    const { state, verdicts } = run(initialDetectorState(), [poll(...values)]);
    expect(verdicts[0]).toMatchObject({ verdict: "NO_DATA", reason: "baseline_unconfirmed" });
    expect(state.status).toBe("NO_BASELINE");
  });

  it("after v1 migration, comes from the first confirmed poll without raising drift", () => {
    const { state, verdicts } = run(needsRebaselineState(), [poll("5", "5", "5"), poll("5")]);
    expect(verdicts.map((v) => v.verdict)).toEqual(["BASELINE", "MATCH"]);
    expect(verdicts[0]).toMatchObject({ rebaseline: true, value: "5" });
    expect(state.baseline).toBe("5");
  });
});

describe("polls", () => {
  it("costs one call when the answer matches", () => {
    expect(confirmationsNeeded(established, s("4"))).toBe(0);
    expect(run(established, [poll("4")]).verdicts).toEqual([
      { verdict: "MATCH", value: "4", newSurface: false },
    ]);
  });

  it("asks for confirmation only on a mismatch, and none after a failed call", () => {
    expect(confirmationsNeeded(established, s("5"))).toBe(2);
    expect(confirmationsNeeded(established, fail)).toBe(0);
  });

  it("calls a mismatch whose confirmations agree with the baseline a VARIANT", () => {
    const { state, verdicts } = run(established, [poll("5", "4", "4"), poll("5", "4", "9")]);
    expect(verdicts.map((v) => v.verdict)).toEqual(["VARIANT", "VARIANT"]);
    expect(state.streak).toBe(0);
  });

  it("treats failed calls as no data: never a mismatch, never a drift", () => {
    const { state, verdicts } = run(
      established,
      Array.from({ length: 30 }, () => poll(null)),
    );
    expect(new Set(verdicts.map((v) => v.verdict))).toEqual(new Set(["NO_DATA"]));
    expect(state.baseline).toBe("4");
    expect(state.noDataStreak).toBe(30);
  });

  it("remembers surface forms of the baseline and flags a new one", () => {
    const { verdicts } = run(established, [[s("4", "h1")], [s("4", "h2")], [s("4", "h1")]]);
    expect(verdicts.map((v) => v.verdict === "MATCH" && v.newSurface)).toEqual([true, true, false]);
  });
});

describe("drift", () => {
  it("is confirmed on the K-th consecutive poll whose mode is the new value, with evidence", () => {
    const { state, verdicts } = run(established, [
      poll("5", "5", "5"),
      poll("5", "5", "4"),
      poll("5", "9", "5"),
    ]);
    expect(verdicts.map((v) => v.verdict)).toEqual(["CANDIDATE", "CANDIDATE", "DRIFT"]);
    expect(verdicts[2]).toEqual({
      verdict: "DRIFT",
      evidence: {
        from: "4",
        to: "5",
        rule: "streak",
        samples: ["5", "9", "5"],
        streak: 3,
        windowFrequency: 3 / 4,
        windowSize: 4,
      },
    });
    expect(state.baseline).toBe("5");
    expect(run(state, [poll("5")]).verdicts[0]?.verdict).toBe("MATCH");
  });

  it("is not confirmed when a poll in between agrees with the baseline", () => {
    const { verdicts } = run(established, [
      poll("5", "5", "5"),
      poll("5", "5", "5"),
      poll("4"),
      poll("5", "5", "5"),
    ]);
    expect(verdicts.map((v) => v.verdict)).toEqual([
      "CANDIDATE",
      "CANDIDATE",
      "MATCH",
      "CANDIDATE",
    ]);
  });

  it("is neither advanced nor reset by polls without data", () => {
    const { verdicts } = run(established, [
      poll("5", "5", "5"),
      poll(null),
      poll("5", "5", "5"),
      poll(null),
      poll("5", "5", "5"),
    ]);
    expect(verdicts.map((v) => v.verdict)).toEqual([
      "CANDIDATE",
      "NO_DATA",
      "CANDIDATE",
      "NO_DATA",
      "DRIFT",
    ]);
  });

  it("keeps counting a candidate through a poll where it only tied", () => {
    const { verdicts } = run(established, [
      poll("5", "7", "9"),
      poll("5", "5", "5"),
      poll("5", "5", "5"),
    ]);
    expect(verdicts.map((v) => v.verdict)).toEqual(["CANDIDATE", "CANDIDATE", "DRIFT"]);
    expect(verdicts[2]).toMatchObject({ evidence: { to: "5" } });
  });

  it("fires the frequency rule for an intermittent change only once the window is meaningful", () => {
    // New value twice, old value once, repeated: never three in a row, but 2/3 of the window.
    const pattern = [poll("5", "5", "5"), poll("5", "5", "5"), poll("4")];
    const { verdicts } = run(established, Array.from({ length: 6 }, () => pattern).flat());
    const drift = verdicts.findIndex((v) => v.verdict === "DRIFT");
    expect(drift).toBeGreaterThan(0);
    const verdict = verdicts[drift]!;
    if (verdict.verdict !== "DRIFT") throw new Error("unreachable");
    expect(verdict.evidence.rule).toBe("frequency");
    expect(verdict.evidence.windowSize).toBeGreaterThanOrEqual(DEFAULT_DETECTOR_PARAMS.minWindow);
    expect(verdict.evidence.windowFrequency).toBeGreaterThanOrEqual(DEFAULT_DETECTOR_PARAMS.T);
  });

  it("never comes from one observation, whatever the history", () => {
    const sample = fc.oneof(
      fc.constantFrom("4", "5", "6").map((v) => s(v)),
      fc.constant(fail),
    );
    const polls = fc.array(fc.array(sample, { minLength: 1, maxLength: 3 }), { maxLength: 60 });
    fc.assert(
      fc.property(polls, (list) => {
        let state = established;
        let since: string[] = []; // poll modes seen since the baseline last moved
        for (const samples of list) {
          const { state: next, verdict } = observe(state, samples);
          if (verdict.verdict === "CANDIDATE") since.push(...verdict.candidates);
          if (verdict.verdict === "DRIFT") {
            // The new value was already a poll's mode at least once before this poll.
            expect(since).toContain(verdict.evidence.to);
            since = [];
          }
          state = next;
        }
      }),
    );
  });
});

describe("state and params", () => {
  it("round-trips through JSON and its schema", () => {
    const { state } = run(established, [poll("5", "7", "9"), [s("4", "h")], poll(null)]);
    const stored = JSON.parse(JSON.stringify(state));
    expect(DetectorStateSchema.parse(stored)).toEqual(state);
  });

  it("rejects a state whose baseline contradicts its status", () => {
    expect(DetectorStateSchema.safeParse({ ...established, status: "NO_BASELINE" }).success).toBe(
      false,
    );
  });

  it.each([
    ["K = 1 (drift from one poll)", { K: 1 }],
    ["T = 0.5 (two values could both reach it)", { T: 0.5 }],
    ["minWindow above W", { minWindow: 30 }],
  ])("refuses %s", (_label, change) => {
    expect(DetectorParamsSchema.safeParse({ ...DEFAULT_DETECTOR_PARAMS, ...change }).success).toBe(
      false,
    );
  });
});

describe("tie-breakers", () => {
  const active = observe(initialDetectorState(), [s("4"), s("4"), s("4")]).state;
  it("asks for more samples only when a mismatched poll ties without the baseline", () => {
    expect(tieBreakersNeeded(active, [s("5"), s("6"), s("7")])).toBe(2);
    expect(tieBreakersNeeded(active, [s("5"), s("5"), s("7")])).toBe(0);
    // The baseline among the tied values: no evidence against it, nothing more to ask.
    expect(tieBreakersNeeded(active, [s("5"), s("4"), s("7")])).toBe(0);
    expect(tieBreakersNeeded(active, [s("5"), s("6"), s("7"), s("8"), s("9")])).toBe(0);
    expect(tieBreakersNeeded(initialDetectorState(), [s("5"), s("6"), s("7")])).toBe(0);
  });

  it("lets a noisy poll after a change still count towards the new value", () => {
    const noisy = [s("5"), s("6"), s("7"), s("8"), s("8")];
    const r = observe(active, noisy);
    expect(r.verdict).toMatchObject({ verdict: "CANDIDATE", candidates: ["8"], streak: 1 });
  });
});

describe("a match during a candidate streak", () => {
  const active = observe(initialDetectorState(), [s("4"), s("4"), s("4")]).state;
  const onStreak = observe(active, [s("5"), s("5"), s("5")]).state;
  it("is confirmed, so one old answer from a changed model cannot reset the streak", () => {
    expect(confirmationsNeeded(active, s("4"))).toBe(0);
    expect(confirmationsNeeded(onStreak, s("4"))).toBe(2);
    const next = observe(onStreak, [s("4"), s("5"), s("5")]);
    expect(next.verdict).toMatchObject({ verdict: "CANDIDATE", candidates: ["5"], streak: 2 });
  });

  it("still resets the streak when the confirmations agree with the baseline", () => {
    const next = observe(onStreak, [s("4"), s("4"), s("5")]);
    expect(next.verdict.verdict).toBe("VARIANT");
    expect(next.state.candidates).toEqual([]);
  });
});
