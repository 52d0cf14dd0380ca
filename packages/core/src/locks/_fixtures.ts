// Small inline state for the lock checks' unit tests: benchmark store entries, snapshots, epochs.
// Private (never exported): tests only.
import type { BenchEntry, BenchmarkStore } from "../bench-store/schema.js";
import { DEFAULT_DETECTOR_PARAMS, initialDetectorState } from "../drift/detector-state.js";
import type { LoadedEpoch } from "../state/read-epoch.js";
import type { Snapshot } from "../state/schemas.js";

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

export function epoch(
  id: string,
  snapshots: Record<string, Snapshot | null>,
  benchmarks: BenchmarkStore | null = null,
): LoadedEpoch {
  const providers = Object.fromEntries(
    Object.keys(snapshots).map((p) => [
      p,
      { status: "fresh" as const, snapshot: "0".repeat(64), polled_at: "2026-11-21T05:00:00.000Z" },
    ]),
  );
  return {
    epochId: id,
    manifestHash: "f".repeat(64),
    manifest: {
      schema: "observatory.manifest/1",
      epoch_id: id,
      parent: null,
      created_at: "2026-11-21T05:00:00.000Z",
      fingerprint_scheme: "semantic-v1",
      writer: { tool: "test", version: "0" },
      providers,
      registry: null,
      benchmarks: null,
      cooldowns: null,
    },
    snapshots,
    registry: null,
    benchmarks,
    cooldowns: null,
  };
}
