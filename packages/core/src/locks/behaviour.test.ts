import { describe, expect, it } from "vitest";
import { E, entry, store } from "./_fixtures.js";
import { checkBehaviour } from "./behaviour.js";

const LOCKED = E(1);
const one = (e: ReturnType<typeof entry> | undefined, checked = E(3), s = true) =>
  checkBehaviour({
    baselines: { "openai/gpt-4o": { json: "A" } },
    lockedEpochId: LOCKED,
    checkedEpochId: checked,
    store: s ? store(e ? { "openai/gpt-4o": { json: e } } : {}) : null,
  })[0]!;

describe("checkBehaviour: one pinned baseline A against the checked epoch's detector state", () => {
  it.each([
    ["a match observed since the lock", entry("A", { observed_in: E(3) }), "MATCH"],
    ["the lock's own epoch, checked at once", entry("A", { observed_in: E(1) }), "MATCH", E(1)],
    ["a surface variant", entry("A", { observed_in: E(3), last_verdict: "VARIANT" }), "VARIANT"],
    [
      "an unconfirmed candidate (never a failure)",
      entry("A", { observed_in: E(3), last_verdict: "CANDIDATE", candidates: ["B"], streak: 2 }),
      "VARIANT",
    ],
    [
      "a confirmed drift moved the baseline",
      entry("B", { observed_in: E(3), last_verdict: "DRIFT", baseline_since: E(3) }),
      "DRIFT",
    ],
    [
      "drifted away and back after the lock",
      entry("A", { observed_in: E(5), baseline_since: E(5) }),
      "DRIFT",
      E(5),
    ],
    [
      "the newest benchmark got no data",
      entry("A", { observed_in: E(2), last_verdict: "NO_DATA" }),
      "MISSING",
    ],
    ["epochs since the lock, none observed it", entry("A", { observed_in: E(1) }), "MISSING"],
    ["no entry for the pair", undefined, "MISSING"],
    ["no confirmed baseline any more", entry(null, { observed_in: E(3) }), "MISSING"],
  ])("%s -> %s", (_what, e, status, checked = E(3)) => {
    expect(one(e, checked).status).toBe(status);
  });

  it("no benchmark store at all is MISSING, never silence", () => {
    expect(one(undefined, E(3), false)).toMatchObject({
      status: "MISSING",
      detail: "the checked epoch has no benchmark store",
    });
  });

  it("says what changed and when", () => {
    const drift = one(
      entry("B", { observed_in: E(3), last_verdict: "DRIFT", baseline_since: E(3) }),
    );
    expect(drift).toMatchObject({ locked: "A", current: "B", observed_in: E(3) });
    expect(drift.detail).toBe(`confirmed drift: A -> B (${E(3)})`);
    const cand = one(
      entry("A", { observed_in: E(3), last_verdict: "CANDIDATE", candidates: ["B"], streak: 2 }),
    );
    expect(cand.detail).toBe("unconfirmed candidate B (streak 2 of 3); not a drift yet");
  });
});
