// Decides which events go to which hooks: the hook's min_severity on the one scale, and a
// cooldown per event key so a flapping model does not spam. CRITICAL always goes. Pure.
import type { ObsEvent } from "../events/schema.js";
import { atLeast } from "../severity.js";
import { describeEvent, eventSubject } from "./describe-event.js";
import type { CooldownState, Hook, WebhookConfig, WebhookPayload } from "./schema.js";

export interface Delivery {
  hook: Hook;
  payload: WebhookPayload;
  /** The event's cooldown key. */
  key: string;
}

export function emptyCooldowns(): CooldownState {
  return { schema: "observatory.cooldowns/1", last_sent: {} };
}

export function cooldownKey(e: ObsEvent): string {
  const { provider, model_id } = eventSubject(e);
  const probe = "probe" in e && typeof e.probe === "string" ? e.probe : "";
  // Two experiments violated in one run are two pieces of news, not one.
  const lock = "lock" in e && typeof e.lock === "string" ? e.lock : "";
  return [e.type, provider ?? "", model_id ?? "", probe, lock].join(":");
}

export function toPayload(e: ObsEvent): WebhookPayload {
  const { provider, model_id } = eventSubject(e);
  return {
    source: "model-observatory",
    severity: e.severity,
    event_type: e.type,
    epoch_id: e.epoch_id,
    provider,
    model_id,
    message: describeEvent(e),
    timestamp: e.ts,
    event: e as unknown as Record<string, unknown>,
  };
}

export function planDeliveries(
  events: readonly ObsEvent[],
  config: WebhookConfig,
  cooldowns: CooldownState,
  now: Date,
): { deliveries: Delivery[]; cooldowns: CooldownState } {
  const windowMs = config.cooldown_seconds * 1000;
  const last: Record<string, string> = {};
  // Expired entries are dropped so the state does not grow without bound.
  for (const [k, t] of Object.entries(cooldowns.last_sent)) {
    if (now.getTime() - Date.parse(t) < windowMs) last[k] = t;
  }
  const deliveries: Delivery[] = [];
  for (const e of events) {
    const hooks = config.webhooks.filter((h) => atLeast(e.severity, h.min_severity));
    if (hooks.length === 0) continue;
    const key = cooldownKey(e);
    if (e.severity !== "CRITICAL" && last[key] !== undefined) continue;
    last[key] = now.toISOString();
    const payload = toPayload(e);
    for (const hook of hooks) deliveries.push({ hook, payload, key });
  }
  const sorted = Object.fromEntries(Object.entries(last).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    deliveries,
    cooldowns: {
      ...cooldowns,
      schema: "observatory.cooldowns/1",
      last_sent: sorted,
    },
  };
}
