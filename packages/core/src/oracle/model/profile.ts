// What the oracle knows about one model in one epoch: the public ModelProfile, plain JSON, what
// answers carry. Read-only: answers share these objects, and routing reads the columns of
// model/table.ts, so an edited profile would disagree with the routing it came from.
import type { CostClass } from "../../registry/schema.js";
import type { Severity } from "../../severity.js";
import type { Modalities } from "./modality.js";

/** A provider's state in the epoch, as the manifest records it. */
export type ProviderStatus = "fresh" | "carried_forward" | "error" | "absent";

export interface DriftRecord {
  readonly probe: string;
  readonly severity: Severity;
  /** False for a probe the oracle has no definition for: its severity is assumed CRITICAL. */
  readonly severityKnown: boolean;
  /** The epoch whose poll confirmed the drift. */
  readonly epochId: string;
  /** Confirmed within the drift window before this epoch, so it counts against the model. */
  readonly recent: boolean;
}

/** A probe whose answers changed but whose change is not (yet) confirmed. */
export interface PendingRecord {
  readonly probe: string;
  /** Consecutive polls the new answer has been the mode. */
  readonly streak: number;
}

export interface ModelProfile {
  /** "provider/model_id". */
  readonly key: string;
  readonly provider: string;
  readonly modelId: string;
  /** Listed in this epoch's snapshot of its provider (fresh or carried forward): routable. */
  readonly listed: boolean;
  /** The epoch in which a fresh listing first lacked the model, when it is not listed. */
  readonly removedIn: string | null;
  readonly providerStatus: ProviderStatus;
  readonly contextLength: number | null;
  readonly maxOutputTokens: number | null;
  readonly costClass: CostClass | null;
  readonly supportsTools: boolean | null;
  /** What the model takes in and gives out, as its provider's listing says; null when it does not. */
  readonly modalities: Modalities | null;
  readonly deprecationDate: string | null;
  readonly expirationDate: string | null;
  /** Successes over calls in the registry's sliding window; null before any call. */
  readonly reliability: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  /** Calls in the window behind reliability and latency; routing needs a minimum (minCalls). */
  readonly calls: number;
  /** Confirmed drifts the epoch's benchmark store shows, recent or not. */
  readonly drift: readonly DriftRecord[];
  readonly pending: readonly PendingRecord[];
}

export const COST_RANK: Readonly<Record<CostClass, number>> = {
  free: 0,
  low: 1,
  mid: 2,
  high: 3,
  premium: 4,
};

/**
 * A date a provider announced. A value that does not parse still means the provider announced
 * something, so it is taken as already in effect rather than silently ignored.
 */
export function dateMs(s: string | null): number {
  if (s === null) return Number.NaN;
  const t = Date.parse(s);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}
