// One provider's poll: list its models, compare with the previous snapshot, canary what is new
// (and, when asked, what changed). Pure with respect to state: it reads the previous snapshot it
// is given and returns an immutable result; only the writer touches the state directory.
import { FINGERPRINT_SCHEME, type Snapshot } from "@observatory/core";
import type { Completion, Outcome, Provider, ProviderError } from "@observatory/providers";
import { type Structural, structuralChanges } from "./structural.js";

export interface CanaryCall {
  model_id: string;
  reason: "new" | "changed";
  outcome: Outcome<Completion>;
}

export type ListingResult =
  | { ok: true; snapshot: Snapshot; structural: Structural; unchanged: boolean }
  | { ok: false; error: ProviderError }
  | { ok: false; interrupted: true };

export interface ListingWorkerResult {
  provider: string;
  listing: ListingResult;
  canaries: readonly CanaryCall[];
}

export interface ListingWorkerInput {
  provider: Provider;
  previous: Snapshot | null;
  canaryNew: boolean;
  canaryChanged: boolean;
  signal: AbortSignal;
}

export async function pollProvider(input: ListingWorkerInput): Promise<ListingWorkerResult> {
  const { provider, previous, signal } = input;
  const name = provider.name;
  if (signal.aborted)
    return { provider: name, listing: { ok: false, interrupted: true }, canaries: [] };
  const listed = await provider.listModels();
  if (!listed.ok)
    return { provider: name, listing: { ok: false, error: listed.error }, canaries: [] };

  const models = [...listed.value.models].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let snapshot: Snapshot = {
    schema: "observatory.snapshot/1",
    provider: name,
    fingerprint_scheme: FINGERPRINT_SCHEME,
    models,
  };
  const structural = structuralChanges(name, previous, snapshot);
  const c = structural.comparison;
  const unchanged =
    c !== null &&
    !c.rebaseline &&
    c.added.length === 0 &&
    c.removed.length === 0 &&
    c.changed.length === 0;
  // Semantically identical: keep the stored snapshot, so a re-spelled price or a reordered list
  // costs no new object.
  if (unchanged && previous) snapshot = previous;

  const targets: Array<{ id: string; reason: "new" | "changed" }> = [];
  // A provider's first listing is its baseline: every model is "added", but canarying hundreds
  // of models at once is not what a first run should cost.
  if (c !== null && input.canaryNew) for (const id of c.added) targets.push({ id, reason: "new" });
  if (c !== null && !c.rebaseline && input.canaryChanged)
    for (const ch of c.changed) targets.push({ id: ch.id, reason: "changed" });

  const results = await Promise.all(
    targets.map(async (t) => {
      const outcome = await provider.canary(t.id);
      // Not sent: the run was interrupted before this canary's turn.
      if (!outcome.ok && outcome.error.kind === "cancelled") return null;
      return { model_id: t.id, reason: t.reason, outcome };
    }),
  );
  return {
    provider: name,
    listing: { ok: true, snapshot, structural, unchanged },
    canaries: results.filter((r): r is CanaryCall => r !== null),
  };
}
