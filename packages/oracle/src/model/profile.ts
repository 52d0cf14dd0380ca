// What the oracle knows about one model in one epoch: the public ModelProfile (plain JSON, what
// answers carry) and the internal Row, which adds the numbers routing compares, precomputed once
// per epoch so a route over 10,000 models is a single cheap pass.
import type { CostClass, Severity } from "@observatory/core";

/** A provider's state in the epoch, as the manifest records it. */
export type ProviderStatus = "fresh" | "carried_forward" | "error" | "absent";

export interface DriftRecord {
  probe: string;
  severity: Severity;
  /** False for a probe the oracle has no definition for: its severity is assumed CRITICAL. */
  severityKnown: boolean;
  /** The epoch whose poll confirmed the drift. */
  epochId: string;
  /** Confirmed within the drift window before this epoch, so it counts against the model. */
  recent: boolean;
}

/** A probe whose answers changed but whose change is not (yet) confirmed. */
export interface PendingRecord {
  probe: string;
  /** Consecutive polls the new answer has been the mode. */
  streak: number;
}

export interface ModelProfile {
  /** "provider/model_id". */
  key: string;
  provider: string;
  modelId: string;
  /** Listed in this epoch's snapshot of its provider (fresh or carried forward): routable. */
  listed: boolean;
  /** The epoch in which a fresh listing first lacked the model, when it is not listed. */
  removedIn: string | null;
  providerStatus: ProviderStatus;
  contextLength: number | null;
  maxOutputTokens: number | null;
  costClass: CostClass | null;
  supportsTools: boolean | null;
  deprecationDate: string | null;
  expirationDate: string | null;
  /** Successes over calls in the registry's sliding window; null before any call. */
  reliability: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  /** Calls in the window behind reliability and latency. */
  calls: number;
  /** Confirmed drifts the epoch's benchmark store shows, recent or not. */
  drift: DriftRecord[];
  pending: PendingRecord[];
}

export const COST_RANK: Readonly<Record<CostClass, number>> = {
  free: 0,
  low: 1,
  mid: 2,
  high: 3,
  premium: 4,
};

export interface Row {
  profile: ModelProfile;
  /** Sort keys with "unknown" already placed last for every preference. */
  context: number;
  reliability: number;
  latency: number;
  costRank: number;
  /** Highest severity rank among recent drifts; -1 with none. */
  driftRank: number;
  /** Epoch ms of the deprecation / expiry; NaN when none; -Infinity when unreadable (in effect). */
  deprecatedAt: number;
  expiresAt: number;
}

export function toRow(profile: ModelProfile, driftRank: number): Row {
  return {
    profile,
    context: profile.contextLength ?? -1,
    reliability: profile.reliability ?? -1,
    latency: profile.latencyP50Ms ?? Number.POSITIVE_INFINITY,
    costRank: profile.costClass === null ? 99 : COST_RANK[profile.costClass],
    driftRank,
    deprecatedAt: dateMs(profile.deprecationDate),
    expiresAt: dateMs(profile.expirationDate),
  };
}

/**
 * A date a provider announced. A value that does not parse still means the provider announced
 * something, so it is taken as already in effect rather than silently ignored.
 */
export function dateMs(s: string | null): number {
  if (s === null) return Number.NaN;
  const t = Date.parse(s);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}
