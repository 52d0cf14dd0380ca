// The drift detector's parameters, its per-(provider, model, probe) state as stored in the
// benchmark store, and the verdicts it returns. Plain JSON throughout, validated by zod.
import { z } from "zod";

export const DetectorParamsSchema = z
  .object({
    /** Samples per mismatched poll: the first call plus up to R - 1 confirmations. */
    R: z.number().int().min(1).max(9),
    /** Consecutive polls a candidate must be the mode of. At least 2: never one observation. */
    K: z.number().int().min(2).max(50),
    /** Window frequency that also confirms a candidate. Above 1/2 so only one value can reach it. */
    T: z.number().gt(0.5).max(1),
    /** Per-poll values kept for the frequency rule. */
    W: z.number().int().min(2).max(500),
    /** The frequency rule waits for this many polls in the window before it may fire. */
    minWindow: z.number().int().min(2),
  })
  .refine((p) => p.minWindow <= p.W, { path: ["minWindow"], message: "must not exceed W" });
export type DetectorParams = z.infer<typeof DetectorParamsSchema>;

/**
 * R, K, T, W from the spec. minWindow = 10: below that a frequency is a handful of polls and
 * the streak rule already covers short runs; at 10 the candidate must have been the mode of at
 * least 6 polls (T = 0.6), which random flips essentially never achieve.
 */
export const DEFAULT_DETECTOR_PARAMS: DetectorParams = { R: 3, K: 3, T: 0.6, W: 20, minWindow: 10 };

/** How many known surface forms of the baseline are remembered (most recent first out). */
export const MAX_SURFACES = 16;

export const BaselineStatusSchema = z.enum([
  /** Never observed: the first confirmed poll sets the baseline. */
  "NO_BASELINE",
  "ACTIVE",
  /** Migrated from v1 hashes that cannot become values: the first confirmed poll sets it. */
  "NEEDS_REBASELINE",
]);

export const DetectorStateSchema = z
  .object({
    version: z.literal(1),
    status: BaselineStatusSchema,
    /** The canonical value this model gives; null unless status is ACTIVE. */
    baseline: z.string().nullable(),
    /** Per-poll values, oldest first; null for a poll whose mode was a tie. */
    window: z.array(z.string().nullable()),
    /** Values that were a (possibly tied) mode of every poll of the current streak. */
    candidates: z.array(z.string()),
    streak: z.number().int().nonnegative(),
    /** Consecutive polls without data, for callers that alert on a probe gone silent. */
    noDataStreak: z.number().int().nonnegative(),
    /** Surface forms (e.g. hashes of raw answers) seen canonicalizing to the baseline. */
    surfaces: z.array(z.string()).max(MAX_SURFACES),
  })
  .refine((s) => (s.status === "ACTIVE") === (s.baseline !== null), {
    path: ["baseline"],
    message: "a baseline is present exactly when status is ACTIVE",
  });
export type DetectorState = z.infer<typeof DetectorStateSchema>;

/** One benchmark call's outcome: a canonical value (with its surface form, if known) or a failure. */
export type Sample = { ok: true; value: string; surface?: string } | { ok: false; reason: string };

export interface DriftEvidence {
  from: string;
  to: string;
  /** "streak": mode of K consecutive polls; "frequency": at least T of the window. */
  rule: "streak" | "frequency";
  /** Canonical values of this poll's samples, first call first. */
  samples: string[];
  streak: number;
  windowFrequency: number;
  windowSize: number;
}

export type Verdict =
  | {
      verdict: "NO_DATA";
      /** no_samples: every call failed; baseline_unconfirmed: a first baseline's samples disagreed. */
      reason: "no_samples" | "baseline_unconfirmed";
      failures: string[];
      noDataStreak: number;
    }
  /** A baseline was set without raising drift: first observation ever, or after v1 migration. */
  | { verdict: "BASELINE"; value: string; rebaseline: boolean; samples: string[] }
  | { verdict: "MATCH"; value: string; newSurface: boolean }
  /** The first call mismatched but the poll's mode is still the baseline. */
  | { verdict: "VARIANT"; baseline: string; samples: string[] }
  /** The poll's mode differs from the baseline; not (yet) confirmed. */
  | {
      verdict: "CANDIDATE";
      baseline: string;
      candidates: string[];
      streak: number;
      windowFrequency: number;
      samples: string[];
    }
  | { verdict: "DRIFT"; evidence: DriftEvidence };

export type VerdictKind = Verdict["verdict"];

export function initialDetectorState(): DetectorState {
  return {
    version: 1,
    status: "NO_BASELINE",
    baseline: null,
    window: [],
    candidates: [],
    streak: 0,
    noDataStreak: 0,
    surfaces: [],
  };
}

/** The state v1 migration writes: the next confirmed poll sets the baseline, silently. */
export function needsRebaselineState(): DetectorState {
  return { ...initialDetectorState(), status: "NEEDS_REBASELINE" };
}
