// The writer's merge of listing results: provider entries for the manifest, structural and
// canary events, and the calls that feed the capability registry. Pure.
import type {
  CallRecord,
  EventDraft,
  ObsEvent,
  ProviderDraft,
  ProviderPollState,
} from "@observatory/core";
import type { ListingWorkerResult } from "./listing-worker.js";

export interface MergedListings {
  events: EventDraft[];
  providerDrafts: Record<string, ProviderDraft>;
  calls: CallRecord[];
  /** Per polled provider, its poll state for the next epoch (absent: keep the previous). */
  pollState: Record<string, ProviderPollState>;
}

export function mergeListings(polled: readonly ListingWorkerResult[]): MergedListings {
  const events: EventDraft[] = [];
  const providerDrafts: Record<string, ProviderDraft> = {};
  const calls: CallRecord[] = [];
  const pollState: Record<string, ProviderPollState> = {};
  for (const r of [...polled].sort((a, b) => (a.provider < b.provider ? -1 : 1))) {
    if (r.state) pollState[r.provider] = r.state;
    if (r.listing.ok) {
      providerDrafts[r.provider] = { snapshot: r.listing.snapshot };
      // A loop, not push(...events): a provider-sized argument list overflows the stack.
      for (const e of r.listing.structural.events) events.push(e);
    } else if ("suspect" in r.listing) {
      const v = r.listing.suspect;
      providerDrafts[r.provider] = {
        error: { code: "LISTING_SUSPECT", message: r.listing.error.message },
      };
      events.push({ type: "LISTING_SUSPECT", severity: "WARN", provider: r.provider, ...v });
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
    for (const w of r.warnings ?? [])
      events.push({ type: "LISTING_WARNING", severity: "LOW", provider: r.provider, ...w });
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
  return { events, providerDrafts, calls, pollState };
}

/**
 * One MIGRATION_REBASELINE for the whole run, whatever the number of providers: a scheme change
 * (after obs-migrate) is one piece of news with a count, never a flood.
 */
function mergeRebaselines(events: EventDraft[]): void {
  let count = 0;
  let first: Extract<EventDraft, { type: "MIGRATION_REBASELINE" }> | null = null;
  let n = 0;
  for (const e of events) {
    if (e.type !== "MIGRATION_REBASELINE") continue;
    first ??= e;
    count += e.count;
    n++;
  }
  if (first === null || n <= 1) return;
  const merged: EventDraft = {
    type: "MIGRATION_REBASELINE",
    severity: "INFO",
    count,
    from_scheme: first.from_scheme,
    to_scheme: first.to_scheme,
  };
  // One pass, in place: the merged event where the first was, the others dropped.
  let w = 0;
  for (const e of events) {
    if (e === first) events[w++] = merged;
    else if (e.type !== "MIGRATION_REBASELINE") events[w++] = e;
  }
  events.length = w;
}

/** Events as they will be committed, for webhook planning (same epoch, same moment). */
export function stampForPlan(drafts: readonly EventDraft[], epochId: string): ObsEvent[] {
  const ts = new Date().toISOString();
  return drafts.map((d) => ({ v: 2, epoch_id: epochId, ts, ...d }) as ObsEvent);
}
