// A package bench records each figure here as well as printing it: one JSON line per figure into
// the file OBS_BENCH_REPORT names, so the root `pnpm bench` can print every package's figures in
// one table. Run alone (no OBS_BENCH_REPORT), a package's bench records nothing.
import { appendFileSync } from "node:fs";

export type Result = "PASS" | "FAIL" | "info";

export interface Figure {
  /** The issue area the figure answers to: "drift", "state", "obs-poll", "oracle", "start-up". */
  area: string;
  figure: string;
  value: string;
  /** Empty for an informational figure. */
  target: string;
  result: Result;
}

export const verdict = (ok: boolean): Result => (ok ? "PASS" : "FAIL");

export function recordFigures(figures: readonly Figure[]): void {
  const file = process.env["OBS_BENCH_REPORT"];
  if (!file || figures.length === 0) return;
  appendFileSync(file, figures.map((f) => `${JSON.stringify(f)}\n`).join(""));
}
