// One provider's poll: list its models, compare with the previous snapshot, canary what is new
// (and, when asked, what changed). Pure with respect to state: it reads the previous snapshot
// and the provider's poll state it is given and returns an immutable result, with the poll
// state for the next epoch; only the writer touches the state directory.
import {
  FINGERPRINT_SCHEME,
  type ProviderPollState,
  type SeverityThresholds,
  type Snapshot,
} from "@observatory/core";
import type { Completion, Outcome, Provider, ProviderError } from "@observatory/providers";
import { type CanaryTarget, planCanaries } from "./canaries.js";
import { type ListingWarning, listingWarnings } from "./listing-warnings.js";
import { type Structural, structuralChanges } from "./structural.js";
import { judgeShrink, type SuspectPolicy, type SuspectVerdict } from "./suspect.js";

export interface CanaryCall {
  model_id: string;
  reason: "new" | "changed";
  outcome: Outcome<Completion>;
}

/** A listing held as suspect reads like a failed one (the previous snapshot is carried). */
export type SuspectError = Omit<ProviderError, "kind"> & { kind: "suspect" };

export type ListingResult =
  | { ok: true; snapshot: Snapshot; structural: Structural; unchanged: boolean }
  | { ok: false; error: ProviderError }
  | { ok: false; error: SuspectError; suspect: SuspectVerdict }
  | { ok: false; interrupted: true };

export interface ListingWorkerResult {
  provider: string;
  listing: ListingResult;
  canaries: readonly CanaryCall[];
  /** What the listing kept but flagged (unsafe numbers, duplicate ids). */
  warnings?: readonly ListingWarning[];
  /** The provider's poll state for the next epoch. */
  state?: ProviderPollState;
  /** How long the listing took (--verbose). */
  listingMs?: number;
  /** How long the canaries took, all of them in parallel (--verbose). */
  canaryMs?: number;
}

export interface ListingWorkerInput {
  provider: Provider;
  previous: Snapshot | null;
  canaryNew: boolean;
  canaryChanged: boolean;
  signal: AbortSignal;
  /** From the previous epoch (null: none yet). */
  state?: ProviderPollState | null;
  suspect?: SuspectPolicy;
  /** Canaries per poll (default 20); the rest are owed to later polls. */
  canaryMax?: number;
  /** Thresholds for the severity of a price or context change. */
  severity?: SeverityThresholds;
  /** Canaries planned, then each one sent (progress). */
  onCanaries?: (planned: number) => void;
  onCanaryDone?: () => void;
}

export const DEFAULT_CANARY_MAX = 20;

export async function pollProvider(input: ListingWorkerInput): Promise<ListingWorkerResult> {
  const { provider, previous, signal } = input;
  const name = provider.name;
  const prior: ProviderPollState = input.state ?? { suspect_polls: 0, canaries_owed: [] };
  if (signal.aborted)
    return { provider: name, listing: { ok: false, interrupted: true }, canaries: [] };
  const listStarted = performance.now();
  const listed = await provider.listModels();
  const listingMs = performance.now() - listStarted;
  if (!listed.ok)
    return { provider: name, listing: { ok: false, error: listed.error }, canaries: [], listingMs };
  const warnings = listingWarnings(listed.value);

  const models = [...listed.value.models].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let snapshot: Snapshot = {
    schema: "observatory.snapshot/1",
    provider: name,
    fingerprint_scheme: FINGERPRINT_SCHEME,
    models,
  };
  const structural = structuralChanges(name, previous, snapshot, input.severity);
  const c = structural.comparison;
  if (c !== null && previous && input.suspect) {
    const held = judgeShrink(
      previous.models.length,
      models.length,
      c.removed.length,
      prior.suspect_polls,
      input.suspect,
    );
    if (held) {
      const message = `listing lost ${held.removed_models} of ${held.previous_models} models (now ${held.listed_models}); held as suspect (poll ${held.streak} of ${held.polls_required})`;
      return {
        provider: name,
        listing: { ok: false, error: { kind: "suspect", provider: name, message }, suspect: held },
        canaries: [],
        warnings,
        state: { ...prior, suspect_polls: held.streak },
        listingMs,
      };
    }
  }
  const unchanged =
    c !== null &&
    !c.rebaseline &&
    c.added.length === 0 &&
    c.removed.length === 0 &&
    c.changed.length === 0;
  // Semantically identical: keep the stored snapshot, so a re-spelled price or a reordered list
  // costs no new object.
  if (unchanged && previous) snapshot = previous;

  const fresh: CanaryTarget[] = [];
  // A provider's first listing is its baseline: every model is "added", but canarying hundreds
  // of models at once is not what a first run should cost.
  if (c !== null && input.canaryNew) for (const id of c.added) fresh.push({ id, reason: "new" });
  if (c !== null && !c.rebaseline && input.canaryChanged)
    for (const ch of c.changed) fresh.push({ id: ch.id, reason: "changed" });
  const listedIds = new Set(models.map((m) => m.id));
  const plan = planCanaries(
    prior.canaries_owed,
    fresh,
    listedIds,
    input.canaryMax ?? DEFAULT_CANARY_MAX,
  );

  input.onCanaries?.(plan.now.length);
  const canaryStarted = performance.now();
  const results = await Promise.all(
    plan.now.map(async (t) => {
      const outcome = await provider.canary(t.id);
      // Not sent: the run was interrupted before this canary's turn.
      if (!outcome.ok && outcome.error.kind === "cancelled") return null;
      input.onCanaryDone?.();
      return { model_id: t.id, reason: t.reason, outcome };
    }),
  );
  const canaryMs = plan.now.length > 0 ? performance.now() - canaryStarted : undefined;
  const sent = new Set<string>();
  for (const r of results) if (r) sent.add(r.model_id);
  // Interrupted before their turn: still owed.
  const owed = [...plan.now.filter((t) => !sent.has(t.id)), ...plan.later];
  return {
    provider: name,
    listing: { ok: true, snapshot, structural, unchanged },
    canaries: results.filter((r): r is CanaryCall => r !== null),
    warnings,
    listingMs,
    ...(canaryMs === undefined ? {} : { canaryMs }),
    state: {
      suspect_polls: 0,
      canaries_owed: owed.map((t) => ({ model_id: t.id, reason: t.reason })),
    },
  };
}
