// Cooldowns start on delivery, not on planning. Webhooks go out after the commit and after the
// lock is released, so a run commits the notifications it planned as `pending`; once delivered,
// a WEBHOOKS_DELIVERED event names their keys, and the next run settles them: confirmed keys
// start their cooldown (at the time they were planned), the others are sent again, a bounded
// number of times. Pure.
import { EventSchema, type ObsEvent } from "../events/schema.js";
import type { Delivery } from "./plan.js";
import type { CooldownState } from "./schema.js";

/** Runs that try to deliver one notification before it is dropped. */
export const MAX_DELIVERY_TRIES = 3;
/** Notifications kept for another try: each carries its event, and a provider's first listing
 * can plan hundreds; past this many the rest are not retried (they start no cooldown either). */
export const MAX_PENDING = 500;

export interface SettledCooldowns {
  /** No pending entries left: confirmed keys moved into `last_sent`. */
  cooldowns: CooldownState;
  /** Unconfirmed notifications to plan again, with the tries spent on each so far. */
  retry: ObsEvent[];
  tries: Map<string, number>;
}

/**
 * `delivered`: the keys the WEBHOOKS_DELIVERED event for `state.pending_epoch` names, or null when
 * no such event was logged (the delivering run could not log it): nothing is confirmed then, so a
 * notification may be sent twice but never lost.
 */
export function settleCooldowns(
  state: CooldownState,
  delivered: ReadonlySet<string> | null,
): SettledCooldowns {
  const last_sent = { ...state.last_sent };
  const retry: ObsEvent[] = [];
  const tries = new Map<string, number>();
  for (const [key, p] of Object.entries(state.pending ?? {})) {
    if (delivered?.has(key)) {
      last_sent[key] = p.at;
      continue;
    }
    if (p.tries >= MAX_DELIVERY_TRIES) continue;
    const parsed = EventSchema.safeParse(p.event);
    if (!parsed.success) continue;
    retry.push(parsed.data);
    tries.set(key, p.tries);
  }
  return { cooldowns: { schema: "observatory.cooldowns/1", last_sent }, retry, tries };
}

/**
 * The state to commit with the epoch that planned `deliveries`: their keys wait in `pending`;
 * `planned` is planDeliveries' state, whose `last_sent` already holds them (dropped again here,
 * except for a cooldown that was running before).
 */
export function deferCooldowns(
  settled: CooldownState,
  planned: CooldownState,
  deliveries: readonly Delivery[],
  tries: ReadonlyMap<string, number>,
  epochId: string,
): CooldownState {
  const last_sent = { ...planned.last_sent };
  const pending: NonNullable<CooldownState["pending"]> = {};
  let kept = 0;
  for (const d of deliveries) {
    if (pending[d.key]) continue;
    // Planning started the cooldown; it waits for the delivery (a running one stays).
    const at = planned.last_sent[d.key] ?? new Date().toISOString();
    const before = settled.last_sent[d.key];
    if (before === undefined) delete last_sent[d.key];
    else last_sent[d.key] = before;
    if (kept++ >= MAX_PENDING) continue;
    pending[d.key] = {
      at,
      tries: (tries.get(d.key) ?? 0) + 1,
      event: d.payload.event,
    };
  }
  if (Object.keys(pending).length === 0) return { schema: "observatory.cooldowns/1", last_sent };
  return { schema: "observatory.cooldowns/1", last_sent, pending, pending_epoch: epochId };
}

/** The keys whose every delivery succeeded. */
export function deliveredKeys(results: ReadonlyArray<{ key: string; ok: boolean }>): string[] {
  const ok = new Map<string, boolean>();
  for (const r of results) ok.set(r.key, (ok.get(r.key) ?? true) && r.ok);
  return [...ok]
    .filter(([, v]) => v)
    .map(([k]) => k)
    .sort();
}
