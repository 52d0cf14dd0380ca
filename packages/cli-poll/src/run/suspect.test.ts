import { describe, expect, it } from "vitest";
import { planCanaries } from "./canaries.js";
import { DEFAULT_SUSPECT, judgeShrink } from "./suspect.js";

describe("judgeShrink", () => {
  it.each([
    // previous, listed, removed, prior streak -> held streak (null: taken as it is)
    [300, 0, 300, 0, 1],
    [300, 0, 300, 1, null], // persisted for 2 polls: accepted
    [20, 0, 20, 0, 1],
    [19, 0, 19, 0, null], // too small a provider to judge
    [100, 49, 51, 0, 1], // more than half gone
    [100, 50, 50, 0, null], // exactly half is not more than half
    [100, 100, 60, 0, 1], // 60 renamed at once: as suspicious as 60 gone
    [100, 120, 0, 0, null],
    [178, 340, 116, 0, null], // grew while most ids changed: real churn after a long gap
  ])("%i -> %i (%i removed, prior %i): %s", (prev, listed, removed, prior, held) => {
    const v = judgeShrink(prev, listed, removed, prior, DEFAULT_SUSPECT);
    expect(v?.streak ?? null).toBe(held);
  });

  it("--suspect-polls 1 accepts at once; a lower share holds smaller drops", () => {
    expect(judgeShrink(300, 0, 300, 0, { ...DEFAULT_SUSPECT, polls: 1 })).toBeNull();
    expect(judgeShrink(100, 70, 30, 0, { ...DEFAULT_SUSPECT, share: 0.25 })?.streak).toBe(1);
  });
});

describe("planCanaries", () => {
  const t = (id: string) => ({ id, reason: "new" as const });
  it("owed first, then new, capped; what is gone is no longer owed; no model twice", () => {
    const listed = new Set(["a", "b", "c", "d", "e"]);
    const plan = planCanaries(
      [
        { model_id: "gone", reason: "new" },
        { model_id: "b", reason: "changed" },
      ],
      [t("a"), t("b"), t("c"), t("d")],
      listed,
      2,
    );
    expect(plan.now).toEqual([{ id: "b", reason: "changed" }, t("a")]);
    expect(plan.later).toEqual([t("c"), t("d")]);
  });
});
