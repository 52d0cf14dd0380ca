// Measures the detector instead of hoping: false alarms on stable models, detection delay after
// a permanent change, and calls spent per poll. Pure and seeded; raw answers go through the
// real canonicalizers, so surface variants exercise them exactly as production answers would.

import { createRng, type Rng } from "./_prng.js";
import { ANSWER_MODELS, type AnswerModel } from "./_sim-answers.js";
import { canonicalize } from "./canonicalize.js";
import { confirmationsNeeded, observe, tieBreakersNeeded } from "./detector.js";
import {
  DEFAULT_DETECTOR_PARAMS,
  type DetectorParams,
  type DetectorState,
  initialDetectorState,
  type Sample,
  type Verdict,
  type VerdictKind,
} from "./detector-state.js";

export interface SimConfig {
  seed: number;
  /** Simulated models; each runs every built-in probe. */
  models: number;
  /** Probability that one call's canonical value is not the model's true value. */
  flipRate: number;
  /** Probability that a correct call is spelled differently from the plain answer. */
  surfaceRate: number;
  /** Probability that a call fails outright (timeout, 5xx): no data. */
  failureRate: number;
  /** false: each flip is a random wrong value; true: always the same wrong value. */
  sticky: boolean;
  params: DetectorParams;
}

export const DEFAULT_SIM_CONFIG: SimConfig = {
  seed: 20_260_822,
  models: 200,
  flipRate: 0.1,
  surfaceRate: 0.3,
  // The targets are stated for flips alone; failures are a separate, informational scenario.
  failureRate: 0,
  sticky: false,
  params: DEFAULT_DETECTOR_PARAMS,
};

export interface StableResult {
  /** model x probe x poll steps simulated. */
  steps: number;
  calls: number;
  callsPerPoll: number;
  /** Every DRIFT on a model whose behaviour never changed is a false alarm. */
  falseDrifts: number;
  falseDriftsPer10k: number;
  verdicts: Record<VerdictKind, number>;
}

export interface ChangeResult {
  trials: number;
  detected: number;
  /** Polls from the change to DRIFT, counting the first changed poll as 1. */
  meanDelay: number;
  worstDelay: number;
  /** Share of detected changes confirmed within K polls. */
  withinK: number;
  /** Alarms before the change, or pointing at a value other than the new behaviour. */
  falseDrifts: number;
}

type Truth = "right" | "changed";

/** One call: fail, flip, or the true answer in some surface form; then canonicalize. */
function call(rng: Rng, model: AnswerModel, truth: Truth, cfg: SimConfig): Sample {
  if (rng.next() < cfg.failureRate) return { ok: false, reason: "simulated_failure" };
  const forms = truth === "right" ? model.right : model.changed;
  if (rng.next() < cfg.flipRate) {
    const trueValue = canonicalize(model.probe, forms[0]);
    // Redraw the rare random answer that happens to be right: a flip must be a different value.
    for (let i = 0; i < 100; i++) {
      const flip = canonicalize(model.probe, cfg.sticky ? model.sticky : model.wrong(rng));
      if (flip.ok && (!trueValue.ok || flip.value !== trueValue.value)) return flip;
    }
    throw new Error(`answer model ${model.probe.id} cannot produce a flip`);
  }
  const raw =
    forms.length > 1 && rng.next() < cfg.surfaceRate ? rng.pick(forms.slice(1)) : forms[0]!;
  return canonicalize(model.probe, raw);
}

/** One poll through the two-phase API, exactly as a caller makes it. */
function poll(rng: Rng, model: AnswerModel, truth: Truth, state: DetectorState, cfg: SimConfig) {
  const first = call(rng, model, truth, cfg);
  const extra = confirmationsNeeded(state, first, cfg.params);
  const samples = [first];
  for (let i = 0; i < extra; i++) samples.push(call(rng, model, truth, cfg));
  const more = tieBreakersNeeded(state, samples, cfg.params);
  for (let i = 0; i < more; i++) samples.push(call(rng, model, truth, cfg));
  return { ...observe(state, samples, cfg.params), calls: samples.length };
}

const emptyCounts = (): Record<VerdictKind, number> => ({
  NO_DATA: 0,
  BASELINE: 0,
  MATCH: 0,
  VARIANT: 0,
  CANDIDATE: 0,
  DRIFT: 0,
});

/** Stable models: every step starts from no baseline, so baseline set-up costs are included. */
export function simulateStable(cfg: SimConfig, polls: number): StableResult {
  const rng = createRng(cfg.seed);
  const verdicts = emptyCounts();
  let calls = 0;
  for (let m = 0; m < cfg.models; m++) {
    for (const model of ANSWER_MODELS) {
      let state = initialDetectorState();
      for (let p = 0; p < polls; p++) {
        const next = poll(rng, model, "right", state, cfg);
        state = next.state;
        calls += next.calls;
        verdicts[next.verdict.verdict]++;
      }
    }
  }
  const steps = cfg.models * ANSWER_MODELS.length * polls;
  return {
    steps,
    calls,
    callsPerPoll: calls / steps,
    falseDrifts: verdicts.DRIFT,
    falseDriftsPer10k: (verdicts.DRIFT / steps) * 10_000,
    verdicts,
  };
}

/** Each model x probe runs `warmup` healthy polls, then changes for good; how soon is it seen? */
export function simulateChange(cfg: SimConfig, warmup: number, horizon: number): ChangeResult {
  const rng = createRng(cfg.seed ^ 0x5bd1e995);
  const delays: number[] = [];
  let falseDrifts = 0;
  let trials = 0;
  for (let m = 0; m < cfg.models; m++) {
    for (const model of ANSWER_MODELS) {
      trials++;
      const changedValue = canonicalize(model.probe, model.changed[0]);
      let state = initialDetectorState();
      for (let p = 0; p < warmup; p++) {
        const next = poll(rng, model, "right", state, cfg);
        state = next.state;
        if (next.verdict.verdict === "DRIFT") falseDrifts++;
      }
      for (let p = 1; p <= horizon; p++) {
        const next = poll(rng, model, "changed", state, cfg);
        state = next.state;
        const v: Verdict = next.verdict;
        if (v.verdict !== "DRIFT") continue;
        if (changedValue.ok && v.evidence.to === changedValue.value) {
          delays.push(p);
          break;
        }
        falseDrifts++;
      }
    }
  }
  const detected = delays.length;
  return {
    trials,
    detected,
    meanDelay: detected === 0 ? Number.NaN : delays.reduce((a, b) => a + b, 0) / detected,
    worstDelay: detected === 0 ? Number.NaN : Math.max(...delays),
    withinK: detected === 0 ? 0 : delays.filter((d) => d <= cfg.params.K).length / detected,
    falseDrifts,
  };
}
