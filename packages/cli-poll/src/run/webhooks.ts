// Webhooks never hold the state. Under the lock a run only plans: which events go to which
// hooks, committed with the epoch as `pending` cooldowns. The HTTP happens after the commit and
// after the lock is released, with deadlines; then a brief second writer session logs what was
// delivered (WEBHOOKS_DELIVERED starts the cooldowns, next run) and what failed. If another run
// holds the lock by then, the outcome is not logged: nothing starts a cooldown, and the
// notifications are sent again next run (twice is better than never).
import {
  CooldownStateSchema,
  type Delivery,
  deferCooldowns,
  deliveredKeys,
  describeError,
  type EventDraft,
  emptyCooldowns,
  type LoadedEpoch,
  type ObsEvent,
  openStateWriter,
  planDeliveries,
  settleCooldowns,
  tailEvents,
  type WebhookConfig,
} from "@observatory/core";
import { type DeliveryResult, deliver, failureEvents } from "@observatory/notify";

export { loadWebhooksForRun as loadWebhooks } from "@observatory/core";

export interface PlannedWebhooks {
  deliveries: Delivery[];
  /** The cooldown state to commit with the epoch. */
  cooldowns: unknown;
}

/** Under the lock, before the commit: settle the previous run's deliveries, plan this run's. */
export async function planWebhooks(
  stateDir: string,
  config: WebhookConfig,
  prev: LoadedEpoch | null,
  events: readonly ObsEvent[],
  epochId: string,
): Promise<PlannedWebhooks> {
  const state = prev?.cooldowns ? CooldownStateSchema.parse(prev.cooldowns) : emptyCooldowns();
  const delivered = state.pending_epoch ? await confirmed(stateDir, state.pending_epoch) : null;
  const settled = settleCooldowns(state, delivered);
  // This run's news first: a retried notification with the same key is then held as a repeat.
  const plan = planDeliveries([...events, ...settled.retry], config, settled.cooldowns, new Date());
  return {
    deliveries: plan.deliveries,
    cooldowns: deferCooldowns(
      settled.cooldowns,
      plan.cooldowns,
      plan.deliveries,
      settled.tries,
      epochId,
    ),
  };
}

/** The keys the WEBHOOKS_DELIVERED event for `epochId` names, or null if none was logged. */
async function confirmed(stateDir: string, epochId: string): Promise<Set<string> | null> {
  // Going backwards, stop at the first event older than the epoch: the record cannot be there.
  const [hit] = await tailEvents(stateDir, 1, {
    filter: (e) =>
      (e.type === "WEBHOOKS_DELIVERED" && e.for_epoch === epochId) ||
      (e.epoch_id !== null && e.epoch_id < epochId),
  });
  return hit?.type === "WEBHOOKS_DELIVERED" ? new Set(hit.keys) : null;
}

export interface AfterRelease {
  results: DeliveryResult[];
  /** What the second writer session logged (failures and the delivered record). */
  logged: ObsEvent[];
  notes: string[];
}

export interface DeliveryOptions {
  stateDir: string;
  tool: string;
  version: string;
  epochId: string;
  timeoutMs?: number | undefined;
  deadlineMs?: number | undefined;
  /** How long the second session waits for the lock to log outcomes (default 2 s). */
  logWaitMs?: number | undefined;
  staleMs?: number | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

/** After the lock is released: deliver, then log the outcome briefly under the lock. */
export async function deliverAfterRelease(
  deliveries: readonly Delivery[],
  o: DeliveryOptions,
): Promise<AfterRelease> {
  const results = await deliver(deliveries, {
    ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
    ...(o.deadlineMs === undefined ? {} : { deadlineMs: o.deadlineMs }),
    ...(o.sleep ? { sleep: o.sleep } : {}),
  });
  const keys = deliveredKeys(results);
  const failed = failureEvents(results);
  const drafts: EventDraft[] = [
    ...failed,
    {
      type: "WEBHOOKS_DELIVERED",
      severity: "INFO",
      for_epoch: o.epochId,
      keys,
      failed: failed.length,
    },
  ];
  const notLogged = (why: string): AfterRelease => ({
    results,
    logged: [],
    notes: [
      `webhook outcomes not logged (${why}); ${failed.length} failed; cooldowns start next time these are delivered`,
    ],
  });
  // The epoch is committed whatever happens here: a failure to log is a note, not the run's error.
  try {
    const opened = await openStateWriter(o.stateDir, {
      tool: o.tool,
      version: o.version,
      ...(o.staleMs === undefined ? {} : { staleMs: o.staleMs }),
      waitMs: o.logWaitMs ?? 2_000,
    });
    if (!opened.ok) return notLogged(opened.message);
    try {
      return { results, logged: await opened.writer.log(drafts), notes: [] };
    } finally {
      await opened.writer.close();
    }
  } catch (e) {
    return notLogged(describeError(e));
  }
}
