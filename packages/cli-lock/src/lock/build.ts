// From an epoch and the flags to a lock, or to a refusal that says what to run. Pure: the
// caller reads the epoch and writes the file.
import {
  type BenchmarkStore,
  ExitCode,
  epochTime,
  type Lock,
  ObsError,
  type Snapshot,
  scopeHashes,
} from "@observatory/core";
import { coverageOf, type PairRef, pickBaselines } from "./baselines.js";
import { formatAge } from "./duration.js";
import { resolveScope, type ScopeFlags } from "./scope.js";

export interface BuildInput {
  name: string;
  notes: string;
  now: Date;
  epochId: string;
  manifestHash: string;
  snapshots: Readonly<Record<string, Snapshot | null>>;
  store: BenchmarkStore | null;
  flags: ScopeFlags;
  maxAgeMs: number | null;
}

export interface BuiltLock {
  lock: Lock;
  warnings: string[];
}

const FIRST = 5;
const few = (xs: readonly string[]) =>
  xs.length <= FIRST
    ? xs.join(", ")
    : `${xs.slice(0, FIRST).join(", ")} and ${xs.length - FIRST} more`;
const pairName = (p: PairRef) => `${p.model} ${p.probe}`;

export function buildLock(input: BuildInput): BuiltLock {
  const { scope, models } = resolveScope(input.snapshots, input.flags);
  const keys = [...models.keys()];
  const pick = pickBaselines(input.store, keys, input.epochId, input.maxAgeMs, input.now);
  const bench = `obs-lock ${input.name} --benchmark-before-lock`;

  if (scope.models && pick.unbenchmarked.length > 0) {
    throw new ObsError(
      "NO_BASELINES",
      `no behavioural baseline for ${few(pick.unbenchmarked)}: run obs-bench first`,
      {
        hint: `obs-bench --models ${pick.unbenchmarked.join(",")}, or ${bench}`,
        exitCode: ExitCode.USAGE,
      },
    );
  }
  if (Object.keys(pick.baselines).length === 0 && pick.tooOld.length === 0) {
    throw new ObsError(
      "NO_BASELINES",
      `epoch ${input.epochId} has no behavioural baselines for the models in scope: run obs-bench first`,
      { hint: `or benchmark, commit and lock in one step: ${bench}`, exitCode: ExitCode.USAGE },
    );
  }
  if (pick.tooOld.length > 0) {
    const ages = pick.tooOld.map((p) =>
      p.observed_in === null ? Number.POSITIVE_INFINITY : ageMs(p.observed_in, input.now),
    );
    const oldest = Math.max(...ages);
    const accept = Number.isFinite(oldest)
      ? `, or accept them as stale with --max-age ${formatAge(oldest * 1.1 + 60_000)}`
      : "";
    throw new ObsError(
      "STALE_BASELINES",
      `${pick.tooOld.length} baselines were not measured in epoch ${input.epochId}` +
        `${Number.isFinite(oldest) ? ` (the oldest ${formatAge(oldest)} ago)` : ""}` +
        `${input.maxAgeMs === null ? "" : ` nor within --max-age`}: run obs-bench first`,
      {
        hint: `${few(pick.tooOld.map(pairName))}; ${bench}${accept}`,
        exitCode: ExitCode.USAGE,
      },
    );
  }

  const warnings: string[] = [];
  if (pick.stale.length > 0) {
    warnings.push(
      `${pick.stale.length} baselines predate epoch ${input.epochId} (oldest from ${pick.oldest}); ` +
        "accepted by --max-age, the lock is marked stale",
    );
  }
  if (pick.unbenchmarked.length > 0) {
    warnings.push(
      `behaviour pinned for ${keys.length - pick.unbenchmarked.length} of ${keys.length} models in scope; ` +
        `${few(pick.unbenchmarked)} ${pick.unbenchmarked.length === 1 ? "is" : "are"} pinned by metadata only`,
    );
  }
  for (const p of pick.pending) {
    warnings.push(
      `${pairName(p)}: the last poll disagreed with the baseline (unconfirmed); the confirmed baseline is locked`,
    );
  }

  const lock: Lock = {
    schema: "observatory.lock/2",
    name: input.name,
    created_at: input.now.toISOString(),
    notes: input.notes,
    epoch_id: input.epochId,
    manifest_hash: input.manifestHash,
    scope,
    ...scopeHashes(models),
    models: keys,
    behavior: "LOCKED",
    baselines: pick.baselines,
    benchmark_epoch: pick.newest,
    coverage: coverageOf(pick.baselines),
    benchmark_stale: pick.stale.length > 0,
  };
  return { lock, warnings };
}

function ageMs(epochId: string, now: Date): number {
  return now.getTime() - epochTime(epochId).getTime();
}
