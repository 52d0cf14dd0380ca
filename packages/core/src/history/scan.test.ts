import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../state/canonical-json.js";
import { namingModels, scanSegment } from "./scan.js";
import type { HistoryEntry } from "./schema.js";

const SCHEMA = "observatory.history-segment/1";
const E1 = "20261101T120000.000Z-0000";
const E2 = "20261102T120000.000Z-0001";
const segment = (entries: unknown[]) => canonicalJson({ schema: SCHEMA, entries });
/** What a full parse of the text keeps of `models`: what the scan must give. */
const parsed = (text: string, models: ReadonlySet<string>) =>
  namingModels(JSON.parse(text).entries as HistoryEntry[], models);

describe("scanSegment", () => {
  it("finds the entries that change a wanted model, with only its changes", () => {
    const text = segment([
      {
        e: E1,
        b: true,
        c: [
          ["a/x", "listed", false, true],
          ["b/y", "listed", false, true],
        ],
      },
      { e: E2, c: [["b/y", "name", null, 'a "quoted" ["a/x", name']] },
    ]);
    expect(scanSegment(text, new Set(["a/x"]))).toEqual([
      { e: E1, b: true, c: [["a/x", "listed", false, true]] },
    ]);
    expect(scanSegment(text, new Set(["b/y", "a/x"]))).toEqual(JSON.parse(text).entries);
    expect(scanSegment(text, new Set(["c/z"]))).toEqual([]);
  });

  it("gives what a full parse keeps, whatever the strings hold", () => {
    // Names and values built from the text the scan looks for, so that they turn up inside
    // strings, escaped and not.
    const piece = fc.constantFrom('["a/x",', '"e":"', '{"', "}", "],", "\\", '"', "a/x", "b");
    const text = fc.oneof(
      fc.constantFrom("a/x", "b/y", "a/x ", "A/X"),
      fc.array(piece, { maxLength: 4 }).map((p) => p.join("")),
      fc.string({ unit: "grapheme" }),
    );
    const value = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null));
    const name = text.filter((s) => s !== "");
    const epoch = fc
      .integer({ min: 0, max: 9999 })
      .map((n) => `20261101T120000.000Z-${String(n).padStart(4, "0")}`);
    const entry = fc.record(
      {
        e: epoch,
        b: fc.constant(true as const),
        c: fc.array(fc.tuple(name, name, value, value), { maxLength: 4 }),
      },
      { requiredKeys: ["e"] },
    );
    const models = fc.uniqueArray(name, { maxLength: 3 }).map((m) => new Set(m));
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 6 }), models, (entries, want) => {
        const t = segment(entries);
        expect(scanSegment(t, want)).toEqual(parsed(t, want));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["whitespace", JSON.stringify({ entries: [{ e: E1 }], schema: SCHEMA }, null, 1)],
    ["keys out of order", `{"entries":[{"e":"${E1}","c":[["a/x","n",1,2]]}],"schema":"${SCHEMA}"}`],
    ["another schema", segment([{ e: E1 }]).replace("segment/1", "segment/2")],
    ["no entries", segment([])],
    ["a bad epoch id", segment([{ e: "20261101T12.000Z-000x", c: [["a/x", "n", 1, 2]] }])],
    [
      "an unknown key",
      `{"entries":[{"c":[["a/x","n",1,2]],"e":"${E1}","x":1}],"schema":"${SCHEMA}"}`,
    ],
    ["a wanted model's change malformed", segment([{ e: E1, c: [["a/x", "name", null]] }])],
    ["a value that is an object", segment([{ e: E1, c: [["a/x", "name", null, { v: 1 }]] }])],
  ])("%s: not read by the scan (null: the reader parses it whole)", (_, text) => {
    expect(scanSegment(text, new Set(["a/x"]))).toBeNull();
  });
});
