// The three-state drift detector: a pure function of (state, samples) -> (state', verdict).
//
// One poll is: call once; ask confirmationsNeeded(); make that many more calls (0 unless the
// first call mismatched); observe(state, all samples). Failures are no data, never mismatches.
// A poll's value is the mode of its samples. DRIFT needs a candidate that was the mode of K
// consecutive polls with data, or at least T of a window holding minWindow polls; never one
// observation. A first baseline needs its samples to agree, so one unlucky first answer cannot
// plant a wrong baseline that later "drifts" back to the truth.
import {
  DEFAULT_DETECTOR_PARAMS,
  type DetectorParams,
  type DetectorState,
  MAX_SURFACES,
  type Sample,
  type Verdict,
} from "./detector-state.js";

export interface DetectorResult {
  state: DetectorState;
  verdict: Verdict;
}

/**
 * Extra calls to make after the first: R - 1 on a mismatch, with no baseline, or on a match while
 * a candidate is on a streak; else 0.
 */
export function confirmationsNeeded(
  state: DetectorState,
  first: Sample,
  params: DetectorParams = DEFAULT_DETECTOR_PARAMS,
): number {
  if (!first.ok) return 0;
  // A match ends the poll at one call, except while a candidate is on a streak: then one answer
  // equal to the old value (a changed model sometimes gives it) must not reset a real change.
  if (state.status === "ACTIVE" && first.value === state.baseline) {
    return state.candidates.length > 0 ? params.R - 1 : 0;
  }
  return params.R - 1;
}

/**
 * Extra calls after the confirmations, when they leave no evidence either way: the poll's
 * answers have no single most frequent value and the baseline is not among the tied ones (all
 * three different, say, after a change with noisy answers). Up to 2R - 1 samples in all, so such
 * a poll still counts towards (or against) a candidate instead of costing a poll of delay. Rare
 * by construction: it needs a mismatch and a tie.
 */
export function tieBreakersNeeded(
  state: DetectorState,
  samples: readonly Sample[],
  params: DetectorParams = DEFAULT_DETECTOR_PARAMS,
): number {
  const max = 2 * params.R - 1;
  if (
    state.status !== "ACTIVE" ||
    state.baseline === null ||
    samples.length < params.R ||
    samples.length >= max
  )
    return 0;
  const values = samples.flatMap((s) => (s.ok ? [s.value] : []));
  if (values.length < 2) return 0;
  const top = modes(values);
  return top.length > 1 && !top.includes(state.baseline) ? max - samples.length : 0;
}

/** Classify one poll's samples (first call first) and return the next state. */
export function observe(
  state: DetectorState,
  samples: readonly Sample[],
  params: DetectorParams = DEFAULT_DETECTOR_PARAMS,
): DetectorResult {
  const values = samples.flatMap((s) => (s.ok ? [s.value] : []));
  if (values.length === 0) return noData(state, "no_samples", samples);
  if (state.status !== "ACTIVE" || state.baseline === null) {
    return establish(state, samples, values, params);
  }
  const baseline = state.baseline;
  const settled = { ...state, noDataStreak: 0, candidates: [], streak: 0 };
  if (values.every((v) => v === baseline)) {
    const surface = samples[0]?.ok ? samples[0].surface : undefined;
    const newSurface = surface !== undefined && !state.surfaces.includes(surface);
    return {
      state: {
        ...settled,
        window: push(state.window, baseline, params),
        surfaces: learn(state.surfaces, samples, baseline),
      },
      verdict: { verdict: "MATCH", value: baseline, newSurface },
    };
  }
  const top = modes(values);
  // A tie that includes the baseline is no evidence against it: conservative by design.
  if (top.includes(baseline)) {
    return {
      state: {
        ...settled,
        window: push(state.window, baseline, params),
        surfaces: learn(state.surfaces, samples, baseline),
      },
      verdict: { verdict: "VARIANT", baseline, samples: values },
    };
  }
  return candidate(state, baseline, top, values, params);
}

function candidate(
  state: DetectorState,
  baseline: string,
  top: string[],
  values: string[],
  params: DetectorParams,
): DetectorResult {
  // The streak continues while some candidate stays a mode; ties narrow the set instead of
  // resetting it, so [new, flip, flip'] after a change still counts for "new".
  const carried = state.candidates.filter((c) => top.includes(c));
  const candidates = carried.length > 0 ? carried : top;
  const streak = carried.length > 0 ? state.streak + 1 : 1;
  const single = candidates.length === 1 ? candidates[0] : undefined;
  const window = push(state.window, single ?? null, params);
  const frequency = (v: string) => window.filter((w) => w === v).length / window.length;
  const windowFrequency = Math.max(...candidates.map(frequency));
  if (single !== undefined) {
    const count = window.filter((w) => w === single).length;
    const byStreak = streak >= params.K;
    const byFrequency =
      window.length >= params.minWindow && windowFrequency >= params.T && count >= 2;
    if (byStreak || byFrequency) {
      return {
        state: {
          ...state,
          baseline: single,
          window: [single],
          candidates: [],
          streak: 0,
          noDataStreak: 0,
          surfaces: [],
        },
        verdict: {
          verdict: "DRIFT",
          evidence: {
            from: baseline,
            to: single,
            rule: byStreak ? "streak" : "frequency",
            samples: values,
            streak,
            windowFrequency,
            windowSize: window.length,
          },
        },
      };
    }
  }
  return {
    state: { ...state, window, candidates, streak, noDataStreak: 0 },
    verdict: {
      verdict: "CANDIDATE",
      baseline,
      candidates,
      streak,
      windowFrequency,
      samples: values,
    },
  };
}

function establish(
  state: DetectorState,
  samples: readonly Sample[],
  values: string[],
  params: DetectorParams,
): DetectorResult {
  // Unanimity, not a majority: a model with a consistent 10% alternative answer would get that
  // alternative as its baseline from a 2-of-3 majority about 3% of the time, and then raise a
  // false DRIFT back to its real answer. Waiting for agreement costs R calls once per probe.
  const value = values[0]!;
  if (values.some((v) => v !== value) || values.length < Math.min(2, params.R)) {
    return noData(state, "baseline_unconfirmed", samples);
  }
  return {
    state: {
      version: 1,
      status: "ACTIVE",
      baseline: value,
      window: [value],
      candidates: [],
      streak: 0,
      noDataStreak: 0,
      surfaces: learn([], samples, value),
    },
    verdict: {
      verdict: "BASELINE",
      value,
      rebaseline: state.status === "NEEDS_REBASELINE",
      samples: values,
    },
  };
}

function noData(
  state: DetectorState,
  reason: "no_samples" | "baseline_unconfirmed",
  samples: readonly Sample[],
): DetectorResult {
  // Missing data neither extends nor breaks a streak: no drift by absence, no reset by outage.
  const noDataStreak = state.noDataStreak + 1;
  const failures = samples.flatMap((s) => (s.ok ? [] : [s.reason]));
  return {
    state: { ...state, noDataStreak },
    verdict: { verdict: "NO_DATA", reason, failures, noDataStreak },
  };
}

/** The most frequent values, in order of first appearance. */
function modes(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const best = Math.max(...counts.values());
  return [...counts].filter(([, n]) => n === best).map(([v]) => v);
}

function push(
  window: readonly (string | null)[],
  value: string | null,
  params: DetectorParams,
): (string | null)[] {
  return [...window, value].slice(-params.W);
}

function learn(known: readonly string[], samples: readonly Sample[], baseline: string): string[] {
  const seen = samples.flatMap((s) =>
    s.ok && s.value === baseline && s.surface !== undefined ? [s.surface] : [],
  );
  const merged = [...known.filter((k) => !seen.includes(k)), ...new Set(seen)];
  return merged.slice(-MAX_SURFACES);
}
