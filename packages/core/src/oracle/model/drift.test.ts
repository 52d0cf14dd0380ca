import { describe, expect, it } from "vitest";
import { BUILTIN_PROBES } from "../../drift/probes.js";
import type { Severity } from "../../severity.js";
import { epochTime } from "../../state/epoch-id.js";
import type { BenchEntryView } from "../load/views.js";
import { driftFindings } from "./drift.js";

const E = (day: number) => `202606${String(day).padStart(2, "0")}T000000.000Z-0000`;
const ctx = {
  probeSeverity: new Map<string, Severity>(BUILTIN_PROBES.map((p) => [p.id, p.severity])),
  epochMs: epochTime(E(10)).getTime(),
  windowMs: 3 * 86_400_000,
  epochMsOf: (id: string) => epochTime(id).getTime(),
};
type Entry = BenchEntryView;
const entry = (last_verdict: Entry["last_verdict"], since: string | null, streak = 0): Entry => ({
  last_verdict,
  baseline_since: since,
  observed_in: E(10),
  state: { streak },
});

describe("drift from the benchmark store", () => {
  it("finds a drift confirmed in this epoch, with its probe's severity", () => {
    const f = driftFindings({ json: entry("DRIFT", E(10)), echo: entry("MATCH", E(1)) }, ctx);
    expect(f.drift).toEqual([
      { probe: "json", severity: "HIGH", severityKnown: true, epochId: E(10), recent: true },
    ]);
    expect(f.rank).toBe(4);
  });

  it("takes the highest severity among recent drifts", () => {
    const f = driftFindings({ echo: entry("DRIFT", E(9)), tool_call: entry("DRIFT", E(8)) }, ctx);
    expect(f.rank).toBe(5);
  });

  it("keeps a drift older than the window but does not count it", () => {
    const f = driftFindings({ json: entry("DRIFT", E(6)) }, ctx);
    expect(f.drift[0]?.recent).toBe(false);
    expect(f.rank).toBe(-1);
  });

  it("assumes CRITICAL for a probe it has no definition for", () => {
    const f = driftFindings({ my_probe: entry("DRIFT", E(10)) }, ctx);
    expect(f.drift[0]).toMatchObject({ severity: "CRITICAL", severityKnown: false });
    expect(f.rank).toBe(5);
  });

  it.each(["BASELINE", "MATCH", "VARIANT", "NO_DATA", null] as const)(
    "reads last verdict %s as no drift (a first baseline also sets baseline_since)",
    (v) => {
      expect(driftFindings({ json: entry(v, E(10)) }, ctx)).toEqual({
        drift: [],
        pending: [],
        rank: -1,
      });
    },
  );

  it("reports an unconfirmed candidate as pending, not as drift", () => {
    const f = driftFindings({ json: entry("CANDIDATE", E(1), 2) }, ctx);
    expect(f).toEqual({ drift: [], pending: [{ probe: "json", streak: 2 }], rank: -1 });
  });
});
