// The hand-written guards in load/views.ts must accept exactly what core's zod schemas accept
// (for the fields the oracle reads): zod stays the source of truth.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BenchEntrySchema } from "../../bench-store/schema.js";
import { initialDetectorState } from "../../drift/detector-state.js";
import { RoutingProbeSchema, RoutingRowSchema } from "../../routing/schema.js";
import { isRoutingProbe, isRoutingRow } from "./routing-view.js";
import { isBenchEntry } from "./views.js";

const ROUTING_ROW = [
  "openai",
  "gpt-4o",
  true,
  null,
  128_000,
  16_384,
  "mid",
  true,
  null,
  "2026-12-31",
  0.95,
  420,
  900,
  20,
];

const ROUTING_PROBE = {
  last_verdict: "CANDIDATE",
  streak: 2,
  observed_in: "20260101T000000.000Z-0000",
  baseline_since: "20260101T000000.000Z-0000",
  drift: { epoch_id: "20260101T000000.000Z-0000", severity: "HIGH" },
};

const BENCH_ENTRY = {
  state: initialDetectorState(),
  observed_in: "20260101T000000.000Z-0000",
  last_verdict: "MATCH",
  baseline_since: "20260101T000000.000Z-0000",
};

// Values that are valid for some field and wrong for others.
const ODD_VALUES = fc.constantFrom<unknown>(
  null,
  undefined,
  true,
  0,
  1,
  -1,
  0.5,
  1.5,
  128_000.5,
  Number.NaN,
  "",
  "mid",
  "DRIFT",
  "cheap",
  [],
  {},
);

function mutations(base: Record<string, unknown>, fields: readonly string[]) {
  return fc
    .array(fc.tuple(fc.constantFrom(...fields), ODD_VALUES), { maxLength: 3 })
    .map((changes) => {
      const e: Record<string, unknown> = { ...base };
      for (const [k, v] of changes) {
        if (v === undefined) delete e[k];
        else e[k] = v;
      }
      return e;
    });
}

describe("the oracle's guards agree with core's schemas", () => {
  it("benchmark entries (the verdict and epochs; the detector state only for its streak)", () => {
    expect(isBenchEntry(BENCH_ENTRY)).toBe(true);
    fc.assert(
      fc.property(
        mutations(BENCH_ENTRY, ["observed_in", "last_verdict", "baseline_since"]),
        (e) => {
          expect(isBenchEntry(e)).toBe(BenchEntrySchema.safeParse(e).success);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("routing index rows (every column, and rows of the wrong length)", () => {
    expect(isRoutingRow(ROUTING_ROW)).toBe(true);
    const row = fc
      .array(fc.tuple(fc.nat(ROUTING_ROW.length), ODD_VALUES), { maxLength: 3 })
      .map((changes) => {
        const r: unknown[] = [...ROUTING_ROW];
        for (const [i, v] of changes) {
          if (v === undefined) r.splice(i, 1);
          else r[i] = v;
        }
        return r;
      });
    fc.assert(
      fc.property(row, (r) => {
        expect(isRoutingRow(r)).toBe(RoutingRowSchema.safeParse(r).success);
      }),
      { numRuns: 2000 },
    );
  });

  it("routing index probes", () => {
    expect(isRoutingProbe(ROUTING_PROBE)).toBe(true);
    fc.assert(
      fc.property(mutations(ROUTING_PROBE, Object.keys(ROUTING_PROBE)), (p) => {
        expect(isRoutingProbe(p)).toBe(RoutingProbeSchema.safeParse(p).success);
      }),
      { numRuns: 2000 },
    );
  });
});
