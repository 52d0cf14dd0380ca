// Small inline state for unit tests: benchmark store entries and snapshots. (core/src/locks has
// its own copy with epochs, for the check's tests.)
import type { BenchEntry, BenchmarkStore, Snapshot } from "@observatory/core";
import { DEFAULT_DETECTOR_PARAMS, initialDetectorState } from "@observatory/core";

export const E = (n: number) => `20261121T0500${String(n).padStart(2, "0")}.000Z-0000`;

export function entry(
  baseline: string | null,
  over: Partial<Omit<BenchEntry, "state">> & { candidates?: string[]; streak?: number } = {},
): BenchEntry {
  const { candidates = [], streak = 0, ...rest } = over;
  return {
    state: {
      ...initialDetectorState(),
      status: baseline === null ? "NO_BASELINE" : "ACTIVE",
      baseline,
      candidates,
      streak,
    },
    observed_in: E(1),
    last_verdict: "MATCH",
    baseline_since: E(1),
    drift: null,
    ...rest,
  };
}

export function store(models: BenchmarkStore["models"]): BenchmarkStore {
  return { schema: "observatory.benchmarks/1", params: DEFAULT_DETECTOR_PARAMS, models };
}

export function snap(
  provider: string,
  models: Snapshot["models"],
  scheme = "semantic-v1",
): Snapshot {
  return { schema: "observatory.snapshot/1", provider, fingerprint_scheme: scheme, models };
}
