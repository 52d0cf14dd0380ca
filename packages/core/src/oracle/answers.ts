// What the oracle answers. Every answer names the epoch it was read from and how old that epoch
// is, so routing code can tell a decision made on fresh data from one made on a stale world.
import type { StateProblem } from "../state/read-epoch.js";
import type { View } from "./load/build-view.js";
import type { Reason } from "./model/health.js";
import type { ModelProfile } from "./model/profile.js";
import type { Preference, ResolvedQuery } from "./options.js";
import type { HealthCode } from "./route/gates.js";
import type { ExclusionCounts } from "./route/select.js";

export interface EpochInfo {
  id: string;
  manifestHash: string;
  createdAt: string;
  /** Age at the moment of the answer. */
  ageMs: number;
  /** Older than the staleAfterMs option: is obs-poll still running? */
  stale: boolean;
  /** The pointer's epoch did not verify and an older good epoch is being read. */
  fellBack: boolean;
  problems: StateProblem[];
}

export interface RouteAnswer {
  /** The best matching model, or null when none matches. */
  model: ModelProfile | null;
  /**
   * When no model matches, how many each gate left out (TOO_FEW_CALLS: not enough calls
   * measured to route; MODALITY: not what the query asks for); null when a model was picked.
   */
  excluded: ExclusionCounts | null;
  query: ResolvedQuery;
  epoch: EpochInfo;
}

export interface CandidatesAnswer {
  /** Every matching model, best first. */
  models: ModelProfile[];
  /** Models the epoch knows, listed or not. */
  considered: number;
  /** Why the others were left out: the first health gate each fails, or the filters. */
  excluded: ExclusionCounts;
  query: ResolvedQuery;
  epoch: EpochInfo;
}

/** route() with its reasons: the model it picks, how many match and why the others do not. */
export interface ExplainedRoute {
  /** The best matching model (route()'s answer), or null when none matches. */
  model: ModelProfile | null;
  /** Models matching the query. */
  matched: number;
  /** Models the epoch knows, listed or not. */
  considered: number;
  /** Why the others were left out: the first health gate each fails, or the filters. */
  excluded: ExclusionCounts;
  query: ResolvedQuery;
  epoch: EpochInfo;
}

export interface ModelStatus {
  key: string;
  /** The epoch knows this key (listed, or known to the registry from an earlier listing). */
  found: boolean;
  healthy: boolean;
  /** Why it is unhealthy; empty when healthy. */
  reasons: Reason[];
  /** Worth knowing even when healthy (carried-forward listing, scheduled deprecation...). */
  warnings: Reason[];
  model: ModelProfile | null;
  /** Known keys close to an unknown one. */
  suggestions: string[];
  epoch: EpochInfo;
}

export interface ListedModel {
  model: ModelProfile;
  healthy: boolean;
  /** The first gate it fails, when unhealthy. */
  reason: HealthCode | null;
}

export interface ListAnswer {
  by: Preference;
  /** Every model listed in the epoch, healthy or not, ordered by `by`. */
  models: ListedModel[];
  epoch: EpochInfo;
}

export interface PolicyRole {
  role: string;
  description: string;
  query: ResolvedQuery;
  model: ModelProfile | null;
}

export interface PolicyAnswer {
  roles: PolicyRole[];
  epoch: EpochInfo;
}

export interface RefreshResult {
  /** A different epoch is now being read. */
  changed: boolean;
  epoch: EpochInfo;
  /** Why a newer epoch could not be read, when the previous one was kept. */
  problems: StateProblem[];
}

export function epochInfo(view: View, nowMs: number, staleAfterMs: number): EpochInfo {
  const ageMs = Math.max(0, nowMs - view.createdAtMs);
  return {
    id: view.epochId,
    manifestHash: view.manifestHash,
    createdAt: view.createdAt,
    ageMs,
    stale: ageMs > staleAfterMs,
    fellBack: view.fellBack,
    problems: view.problems,
  };
}
