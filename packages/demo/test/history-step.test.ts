// The demo's last chapter reads obs-history's and obs-diff's records: the price change with its
// relative change, the diff's counts, and the entries other than OpenRouter's list first.
import { describe, expect, it } from "vitest";
import type { BinRun } from "../src/bins.js";
import { historyAndDiff, PRICED_MODEL } from "../src/steps/history.js";

const E1 = "20261207T035329.941Z-0000";
const E3 = "20261207T035335.921Z-0000";
const rec = (r: Record<string, unknown>) => ({ version: 1, ...r });

const OUTPUTS: Record<string, Array<Record<string, unknown>>> = {
  "obs-history": [
    rec({
      type: "HISTORY_CHANGE",
      model: PRICED_MODEL,
      epoch: E1,
      field: "listed",
      old: false,
      new: true,
    }),
    rec({
      type: "HISTORY_CHANGE",
      model: PRICED_MODEL,
      epoch: E1,
      field: "capabilities",
      old: null,
      new: "tools",
    }),
    rec({
      type: "HISTORY_CHANGE",
      model: PRICED_MODEL,
      epoch: E1,
      field: "capabilities",
      old: null,
      new: "reasoning",
    }),
    rec({
      type: "HISTORY_CHANGE",
      model: PRICED_MODEL,
      epoch: E1,
      field: "pricing.input.usd",
      old: null,
      new: 0.9,
    }),
    rec({
      type: "HISTORY_CHANGE",
      model: PRICED_MODEL,
      epoch: E3,
      field: "pricing.input.usd",
      old: 0.9,
      new: 0.7,
    }),
  ],
  "obs-diff": [
    rec({ type: "DIFF_ENTRY", model: "openrouter/a", change: "added", changes: [] }),
    rec({
      type: "DIFF_ENTRY",
      model: PRICED_MODEL,
      change: "changed",
      changes: [{ field: "pricing.input.usd", old: 0.9, new: 0.7 }],
    }),
    rec({ type: "DIFF_SUMMARY", from: E1, to: E3, added: 1, removed: 0, changed: 1 }),
  ],
};

describe("the history chapter", () => {
  it("shows the price change with its relative change, then the diff", async () => {
    const lines: string[] = [];
    const calls: string[][] = [];
    const result = await historyAndDiff({
      env: {},
      stateDir: "/state",
      say: (s = "") => lines.push(s),
      runBin: async (bin, args): Promise<BinRun> => {
        calls.push([bin, ...args]);
        const records = OUTPUTS[bin] ?? [];
        return {
          code: 0,
          stdout: records.map((r) => JSON.stringify(r)).join("\n"),
          stderr: "",
          records,
        };
      },
    });
    expect(calls).toEqual([
      ["obs-history", PRICED_MODEL, "--state-dir", "/state", "--json"],
      ["obs-diff", "@-4", "--state-dir", "/state", "--json"],
    ]);
    expect(result).toEqual({ repriced: true, counts: { added: 1, removed: 0, changed: 1 } });
    const text = lines.join("\n");
    expect(text).toContain(`${E1}  listed, with 2 fields`);
    expect(text).toContain(`${E3}  pricing.input.usd 0.9 -> 0.7 (-22.2%)`);
    expect(text).toContain("1 models added, 0 removed, 1 changed");
    // OpenRouter's entries come after the others.
    expect(text.indexOf(PRICED_MODEL, text.indexOf("obs-diff"))).toBeLessThan(
      text.indexOf("openrouter/a"),
    );
  });
});
