import type { WorldDiff } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { counts, diffEntries, relative } from "./entries.js";

const DIFF: WorldDiff = {
  added: [{ model: "b/new", fields: { context_length: 8000, "pricing.prompt": "0.000001" } }],
  removed: [{ model: "a/gone", fields: { name: "Gone" } }],
  changed: [
    { model: "a/kept", field: "context_length", before: 1000, after: 2000, relative: 1 },
    {
      model: "a/kept",
      field: "pricing.prompt",
      before: "0.000002",
      after: "0.0000025",
      relative: 0.25,
    },
    { model: "c/other", field: "name", before: "X", after: "Y", relative: null },
  ],
};

describe("diffEntries", () => {
  it("one entry per model, sorted by model; added from null, removed to null", () => {
    expect(diffEntries(DIFF)).toEqual([
      { model: "a/gone", change: "removed", changes: [{ field: "name", old: "Gone", new: null }] },
      {
        model: "a/kept",
        change: "changed",
        changes: [
          { field: "context_length", old: 1000, new: 2000 },
          { field: "pricing.prompt", old: "0.000002", new: "0.0000025" },
        ],
      },
      {
        model: "b/new",
        change: "added",
        changes: [
          { field: "context_length", old: null, new: 8000 },
          { field: "pricing.prompt", old: null, new: "0.000001" },
        ],
      },
      { model: "c/other", change: "changed", changes: [{ field: "name", old: "X", new: "Y" }] },
    ]);
    expect(counts(diffEntries(DIFF))).toEqual({ added: 1, removed: 1, changed: 2 });
  });

  it("--provider drops models; --field narrows fields, keeping added and removed models", () => {
    const e = diffEntries(DIFF, { provider: "a, b", field: "pricing" });
    expect(e.map((x) => [x.model, x.change, x.changes.map((c) => c.field)])).toEqual([
      ["a/gone", "removed", []],
      ["a/kept", "changed", ["pricing.prompt"]],
      ["b/new", "added", ["pricing.prompt"]],
    ]);
  });

  it("relative: decimal strings and numbers, null otherwise", () => {
    expect(relative({ field: "p", old: "0.000002", new: "0.0000025" })).toBeCloseTo(0.25, 10);
    expect(relative({ field: "c", old: 1000, new: 2000 })).toBe(1);
    expect(relative({ field: "n", old: "X", new: "Y" })).toBeNull();
    expect(relative({ field: "n", old: null, new: 1 })).toBeNull();
  });
});
