// One human line per event, used by webhook messages and the tools' summaries.
import type { ObsEvent } from "../events/schema.js";

export function eventSubject(e: ObsEvent): { provider: string | null; model_id: string | null } {
  const provider = "provider" in e && typeof e.provider === "string" ? e.provider : null;
  const model = "model_id" in e && typeof e.model_id === "string" ? e.model_id : null;
  return { provider, model_id: model };
}

function show(v: unknown): string {
  if (v === undefined || v === null) return "(none)";
  return typeof v === "string" ? v : JSON.stringify(v);
}

export function describeEvent(e: ObsEvent): string {
  switch (e.type) {
    case "MODEL_ADDED":
      return `${e.provider}/${e.model_id} appeared`;
    case "MODEL_REMOVED":
      return `${e.provider}/${e.model_id} is no longer listed`;
    case "METADATA_CHANGED":
      return `${e.provider}/${e.model_id}: ${e.changes.map((c) => `${c.path}: ${show(c.before)} -> ${show(c.after)}`).join(", ")}`;
    case "IDENTITY_CHANGED":
      return `${e.provider}/${e.model_id} now serves ${e.field} ${show(e.after)} (was ${show(e.before)})`;
    case "CANARY_RESULT":
      return `${e.provider}/${e.model_id} canary (${e.reason}): ${e.ok ? `ok in ${e.latency_ms} ms` : `failed: ${e.error?.message ?? "unknown"}`}`;
    case "BENCHMARK_RESULT":
      return `${e.provider}/${e.model_id} ${e.probe}: ${e.verdict}${e.value === null ? "" : ` (${e.value})`}`;
    case "BENCHMARK_VARIANT":
      return `${e.provider}/${e.model_id} ${e.probe}: surface variant, baseline ${e.baseline} holds`;
    case "BENCHMARK_FAILURE":
      return `${e.provider}/${e.model_id} ${e.probe}: call failed (${e.error.kind}), no data`;
    case "BENCHMARK_MISSING":
      return `${e.provider}/${e.model_id} ${e.probe}: no observation${e.lock ? ` for lock ${e.lock}` : ""} (${e.reason})`;
    case "BEHAVIOR_DRIFT":
      return `${e.provider}/${e.model_id} ${e.probe} (tier ${e.tier}) drifted: ${show(e.evidence.old_value)} -> ${e.evidence.new_value} (${e.evidence.rule} rule: streak ${e.evidence.streak}, ${Math.round(e.evidence.window_frequency * 100)}% of ${e.evidence.window_size} polls)`;
    case "MIGRATION_REBASELINE":
      return `${e.count} models re-fingerprinted ${e.from_scheme} -> ${e.to_scheme}${e.provider ? ` for ${e.provider}` : ""}`;
    case "STATE_CORRUPT":
      return `${e.file}: ${e.reason}${e.quarantined_to ? `, moved to ${e.quarantined_to}` : ""}`;
    case "POLL_ERROR":
      return `${e.provider}: poll failed (${e.error.kind}): ${e.error.message}`;
    case "EPOCH_ABORTED":
      return `epoch ${e.aborted_epoch_id} aborted: ${e.reason}`;
    case "EXPERIMENT_DRIFT":
      return `experiment ${e.lock} violated: ${e.violations.map((v) => v.detail).join("; ")}`;
    case "WEBHOOK_FAILED":
      return `webhook ${e.hook} failed: ${e.reason}`;
    case "WEBHOOKS_DELIVERED":
      return `webhooks for epoch ${e.for_epoch}: ${e.keys.length} delivered, ${e.failed} failed`;
    case "WEBHOOK_CONFIG_INVALID":
      return `webhook config ${e.file} ignored: ${e.reason}`;
    case "LISTING_SUSPECT":
      return `${e.provider}: listing lost ${e.removed_models} of ${e.previous_models} models (now ${e.listed_models}); held as suspect, poll ${e.streak} of ${e.polls_required}`;
    case "LISTING_WARNING":
      return `${e.provider}${e.model_id ? `/${e.model_id}` : ""}: ${e.kind}: ${e.message}`;
  }
}
