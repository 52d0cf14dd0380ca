// The writer's merge of listing results: provider entries for the manifest, structural and
// canary events, and the calls that feed the capability registry. Pure.
import type { CallRecord, EventDraft, ObsEvent, ProviderDraft } from "@observatory/core";
import type { ListingWorkerResult } from "./listing-worker.js";

export interface MergedListings {
  events: EventDraft[];
  providerDrafts: Record<string, ProviderDraft>;
  calls: CallRecord[];
}

export function mergeListings(polled: readonly ListingWorkerResult[]): MergedListings {
  const events: EventDraft[] = [];
  const providerDrafts: Record<string, ProviderDraft> = {};
  const calls: CallRecord[] = [];
  for (const r of [...polled].sort((a, b) => (a.provider < b.provider ? -1 : 1))) {
    if (r.listing.ok) {
      providerDrafts[r.provider] = { snapshot: r.listing.snapshot };
      events.push(...r.listing.structural.events);
    } else if ("error" in r.listing) {
      const e = r.listing.error;
      providerDrafts[r.provider] = { error: { code: e.kind, message: e.message } };
      events.push({
        type: "POLL_ERROR",
        severity: "WARN",
        provider: r.provider,
        error: {
          kind: e.kind,
          message: e.message,
          ...(e.status === undefined ? {} : { status: e.status }),
        },
      });
    }
    for (const c of r.canaries) {
      const o = c.outcome;
      events.push({
        type: "CANARY_RESULT",
        severity: o.ok ? "INFO" : "WARN",
        provider: r.provider,
        model_id: c.model_id,
        ok: o.ok,
        latency_ms: o.ok ? o.value.latencyMs : null,
        reason: c.reason,
        ...(o.ok ? {} : { error: { kind: o.error.kind, message: o.error.message } }),
      });
      calls.push({
        provider: r.provider,
        model_id: c.model_id,
        outcome: o.ok ? "ok" : o.error.kind === "rate_limited" ? "rate_limited" : "error",
        latency_ms: o.ok ? o.value.latencyMs : null,
        identity: o.ok ? o.value.identity : undefined,
      });
    }
  }
  mergeRebaselines(events);
  return { events, providerDrafts, calls };
}

/**
 * One MIGRATION_REBASELINE for the whole run, whatever the number of providers: a scheme change
 * (after obs-migrate) is one piece of news with a count, never a flood.
 */
function mergeRebaselines(events: EventDraft[]): void {
  const rebase = events.filter((e) => e.type === "MIGRATION_REBASELINE");
  if (rebase.length <= 1) return;
  const first = rebase[0]!;
  const count = rebase.reduce((n, e) => n + e.count, 0);
  const merged: EventDraft = {
    type: "MIGRATION_REBASELINE",
    severity: "INFO",
    count,
    from_scheme: first.from_scheme,
    to_scheme: first.to_scheme,
  };
  const at = events.indexOf(first);
  for (let i = events.length - 1; i >= 0; i--)
    if (events[i]!.type === "MIGRATION_REBASELINE") events.splice(i, 1);
  events.splice(at, 0, merged);
}

/** Events as they will be committed, for webhook planning (same epoch, same moment). */
export function stampForPlan(drafts: readonly EventDraft[], epochId: string): ObsEvent[] {
  const ts = new Date().toISOString();
  return drafts.map((d) => ({ v: 2, epoch_id: epochId, ts, ...d }) as ObsEvent);
}
