// The behavioural half of a check: each locked (model, probe) baseline against the drift
// detector's state in the checked epoch's benchmark store. Only a confirmed drift fails a lock;
// a variant or an unconfirmed candidate never does; no data is MISSING, never silence. Pure.
import type { BenchmarkStore } from "../bench-store/schema.js";
import type { PairCheck } from "./check-result.js";

export interface BehaviourInput {
  baselines: Record<string, Record<string, string>>;
  /** The lock's epoch: observations and drifts are "since the lock" when newer than this. */
  lockedEpochId: string;
  checkedEpochId: string;
  store: BenchmarkStore | null;
}

/**
 * Rules, in order, for a pinned value B:
 * 1. no store, no entry, or no confirmed baseline -> MISSING;
 * 2. the baseline is not B -> DRIFT (it moved by a confirmed BEHAVIOR_DRIFT);
 * 3. the baseline was re-set after the lock -> DRIFT even if it is B again: it drifted away and
 *    back, so results collected in between mixed two behaviours;
 * 4. the newest benchmark got no data -> MISSING (a failed call is not a mismatch);
 * 5. epochs were committed since the lock but none observed the pair -> MISSING;
 * 6. the newest observation was a VARIANT or an unconfirmed CANDIDATE -> VARIANT;
 * 7. otherwise MATCH.
 */
export function checkBehaviour(input: BehaviourInput): PairCheck[] {
  const out: PairCheck[] = [];
  for (const model of Object.keys(input.baselines).sort()) {
    const byProbe = input.baselines[model]!;
    for (const probe of Object.keys(byProbe).sort()) {
      out.push(checkPair(input, model, probe, byProbe[probe]!));
    }
  }
  return out;
}

function checkPair(input: BehaviourInput, model: string, probe: string, locked: string): PairCheck {
  const base = { model, probe, locked };
  if (input.store === null) {
    return missing(base, null, null, "the checked epoch has no benchmark store");
  }
  const entry = input.store.models[model]?.[probe];
  if (!entry) return missing(base, null, null, "never benchmarked in the checked epoch's store");
  const { state, observed_in, last_verdict, baseline_since } = entry;
  if (state.status !== "ACTIVE" || state.baseline === null) {
    return missing(base, null, observed_in, `no confirmed baseline (${state.status})`);
  }
  const current = state.baseline;
  const at = { ...base, current, observed_in };
  const since = baseline_since ?? "an unknown epoch";
  if (current !== locked) {
    return {
      ...at,
      status: "DRIFT",
      detail: `confirmed drift: ${locked} -> ${current} (${since})`,
    };
  }
  if (baseline_since !== null && baseline_since > input.lockedEpochId) {
    return {
      ...at,
      status: "DRIFT",
      detail: `drifted after the lock and came back to ${locked} in ${baseline_since}`,
    };
  }
  if (last_verdict === "NO_DATA") {
    return missing(
      base,
      current,
      observed_in,
      `the newest benchmark got no data (last data ${observed_in ?? "never"})`,
    );
  }
  if (
    input.checkedEpochId > input.lockedEpochId &&
    (observed_in === null || observed_in <= input.lockedEpochId)
  ) {
    return missing(base, current, observed_in, "not benchmarked since the lock");
  }
  if (last_verdict === "CANDIDATE") {
    const c = state.candidates.join(" | ");
    const k = input.store.params.K;
    return {
      ...at,
      status: "VARIANT",
      detail: `unconfirmed candidate ${c} (streak ${state.streak} of ${k}); not a drift yet`,
    };
  }
  if (last_verdict === "VARIANT") {
    return { ...at, status: "VARIANT", detail: "surface variant; baseline holds" };
  }
  return { ...at, status: "MATCH", detail: "" };
}

function missing(
  base: { model: string; probe: string; locked: string },
  current: string | null,
  observed_in: string | null,
  detail: string,
): PairCheck {
  return { ...base, status: "MISSING", current, observed_in, detail };
}
