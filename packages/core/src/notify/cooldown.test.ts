import { describe, expect, it } from "vitest";
import type { ObsEvent } from "../events/schema.js";
import { deferCooldowns, deliveredKeys, MAX_DELIVERY_TRIES, settleCooldowns } from "./cooldown.js";
import { emptyCooldowns, planDeliveries } from "./plan.js";
import type { WebhookConfig } from "./schema.js";

const E = "20261121T050000.000Z-0000";
const removed: ObsEvent = {
  v: 2,
  epoch_id: E,
  ts: "2026-11-21T05:00:00.000Z",
  severity: "WARN",
  type: "MODEL_REMOVED",
  provider: "openai",
  model_id: "gpt-4",
};
const cfg: WebhookConfig = {
  webhooks: [{ type: "generic", url: "https://hooks.example.com/T", min_severity: "INFO" }],
  cooldown_seconds: 3600,
};
const t0 = new Date("2026-11-21T05:00:00Z");

function runOnce(state = emptyCooldowns(), events: ObsEvent[] = [removed]) {
  const settledNone = settleCooldowns(state, null);
  const plan = planDeliveries([...events, ...settledNone.retry], cfg, settledNone.cooldowns, t0);
  return {
    plan,
    committed: deferCooldowns(
      settledNone.cooldowns,
      plan.cooldowns,
      plan.deliveries,
      settledNone.tries,
      E,
    ),
  };
}

describe("cooldowns start on delivery", () => {
  it("a planned notification is pending, not cooling down, until its delivery is confirmed", () => {
    const { plan, committed } = runOnce();
    const key = plan.deliveries[0]!.key;
    expect(committed.last_sent).toEqual({});
    expect(committed.pending?.[key]).toMatchObject({ tries: 1 });
    expect(committed.pending_epoch).toBe(E);
    const ok = settleCooldowns(committed, new Set(deliveredKeys([{ key, ok: true }])));
    expect(ok.cooldowns.last_sent[key]).toBe(t0.toISOString());
    expect(ok.retry).toEqual([]);
  });

  it("an unconfirmed notification is sent again next run, at most MAX_DELIVERY_TRIES runs", () => {
    let state = emptyCooldowns();
    let sent = 0;
    for (let run = 0; run < 5; run++) {
      const events = run === 0 ? [removed] : [];
      const r = runOnce(state, events);
      sent += r.plan.deliveries.length;
      state = r.committed;
    }
    expect(sent).toBe(MAX_DELIVERY_TRIES);
  });

  it("a key counts as delivered only when every hook took it", () => {
    expect(
      deliveredKeys([
        { key: "a", ok: true },
        { key: "a", ok: false },
        { key: "b", ok: true },
      ]),
    ).toEqual(["b"]);
  });
});
