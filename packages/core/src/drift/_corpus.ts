// Test-only helpers for the canonicalizer corpus: each row is a raw answer and what a user
// should see it become. Private (underscore) and never exported from the package.
import { expect, it } from "vitest";
import { REFUSAL } from "./canon-text.js";
import { canonicalize } from "./canonicalize.js";
import type { Probe } from "./probes.js";

export type Row =
  | { raw: string; want: "right" }
  | { raw: string; want: "wrong"; value: string }
  | { raw: string; want: "refusal" }
  | { raw: string; want: "no-data" };

export const right = (raw: string): Row => ({ raw, want: "right" });
export const wrong = (raw: string, value: string): Row => ({ raw, want: "wrong", value });
export const refusal = (raw: string): Row => ({ raw, want: "refusal" });
export const noData = (raw: string): Row => ({ raw, want: "no-data" });

/** One test per row, plus the corpus-size floor the issue asks for. */
export function corpus(probe: Probe, rows: readonly Row[]): void {
  it("has at least 30 answers covering right, wrong and refusal", () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
    for (const want of ["right", "wrong", "refusal"] as const) {
      expect(rows.some((r) => r.want === want)).toBe(true);
    }
  });
  it.each(rows.map((r) => [JSON.stringify(r.raw), r] as const))("%s", (_name, row) => {
    const result = canonicalize(probe, row.raw);
    switch (row.want) {
      case "right":
        expect(result).toEqual({ ok: true, value: probe.expected });
        break;
      case "wrong":
        // The point of the corpus: a wrong answer has its own value, never the right one.
        expect(row.value).not.toBe(probe.expected);
        expect(result).toEqual({ ok: true, value: row.value });
        break;
      case "refusal":
        expect(result).toEqual({ ok: true, value: REFUSAL });
        break;
      case "no-data":
        expect(result.ok).toBe(false);
        break;
    }
  });
}
