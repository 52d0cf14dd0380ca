import { describe, expect, it } from "vitest";
import type { ObsEvent } from "../events/schema.js";
import { emptyCooldowns, planDeliveries } from "./plan.js";
import { renderBody } from "./render.js";
import { type WebhookConfig, WebhookConfigSchema } from "./schema.js";

const drift = (tier: number, severity: ObsEvent["severity"]): ObsEvent => ({
  v: 2,
  epoch_id: "20261121T050000.000Z-0000",
  ts: "2026-11-21T05:00:00.000Z",
  severity,
  type: "BEHAVIOR_DRIFT",
  provider: "openai",
  model_id: "gpt-4o",
  probe: `p${tier}`,
  tier,
  evidence: {
    old_value: "4",
    new_value: "5",
    samples: ["5", "5", "5"],
    window_size: 5,
    streak: 3,
    window_frequency: 0.3,
    rule: "streak",
  },
});
const removed: ObsEvent = {
  v: 2,
  epoch_id: "20261121T050000.000Z-0000",
  ts: "2026-11-21T05:00:00.000Z",
  severity: "WARN",
  type: "MODEL_REMOVED",
  provider: "openai",
  model_id: "gpt-4",
};

const config = (hooks: WebhookConfig["webhooks"]): WebhookConfig => ({
  webhooks: hooks,
  cooldown_seconds: 300,
});
const hook = (min: ObsEvent["severity"], type: "discord" | "slack" | "generic" = "generic") => ({
  type,
  url: "https://hooks.example.com/T0K3N",
  min_severity: min,
});

describe("webhook planning", () => {
  it("filters by each hook's min_severity on the one scale, and tier severity reaches the payload", () => {
    const events = [drift(1, "INFO"), drift(3, "MEDIUM"), drift(4, "HIGH")];
    const { deliveries } = planDeliveries(
      events,
      config([hook("MEDIUM"), hook("HIGH")]),
      emptyCooldowns(),
      new Date(),
    );
    expect(deliveries.map((d) => [d.hook.min_severity, d.payload.severity])).toEqual([
      ["MEDIUM", "MEDIUM"],
      ["MEDIUM", "HIGH"],
      ["HIGH", "HIGH"],
    ]);
  });

  it("holds a repeat within the cooldown across runs, but CRITICAL always goes", () => {
    const cfg = config([hook("INFO")]);
    const t0 = new Date("2026-11-21T05:00:00Z");
    const first = planDeliveries([removed, drift(5, "CRITICAL")], cfg, emptyCooldowns(), t0);
    expect(first.deliveries).toHaveLength(2);
    // A later cron run loads the persisted state.
    const state = JSON.parse(JSON.stringify(first.cooldowns));
    const t1 = new Date("2026-11-21T05:01:00Z");
    const second = planDeliveries([removed, drift(5, "CRITICAL")], cfg, state, t1);
    expect(second.deliveries.map((d) => d.payload.event_type)).toEqual(["BEHAVIOR_DRIFT"]);
    const t2 = new Date("2026-11-21T05:06:00Z");
    const third = planDeliveries([removed], cfg, second.cooldowns, t2);
    expect(third.deliveries).toHaveLength(1);
  });

  it("drops expired cooldown entries", () => {
    const cfg = config([hook("INFO")]);
    const first = planDeliveries(
      [removed],
      cfg,
      emptyCooldowns(),
      new Date("2026-01-01T00:00:00Z"),
    );
    const later = planDeliveries([], cfg, first.cooldowns, new Date("2026-01-02T00:00:00Z"));
    expect(later.cooldowns.last_sent).toEqual({});
  });

  it("renders Discord and Slack bodies with the severity unchanged", () => {
    const { deliveries } = planDeliveries(
      [drift(4, "HIGH")],
      config([hook("INFO", "discord"), hook("INFO", "slack")]),
      emptyCooldowns(),
      new Date(),
    );
    const [discord, slack] = deliveries.map((d) => JSON.stringify(renderBody(d.hook, d.payload)));
    expect(discord).toContain("[HIGH] BEHAVIOR_DRIFT");
    expect(slack).toContain("*Severity:* HIGH");
  });

  it("accepts v1's bare list of hooks and rejects a hook without a valid URL", () => {
    expect(WebhookConfigSchema.parse([{ url: "https://x.example/h" }])).toMatchObject({
      cooldown_seconds: 300,
      webhooks: [{ type: "generic", min_severity: "INFO" }],
    });
    expect(WebhookConfigSchema.safeParse({ webhooks: [{ url: "not a url" }] }).success).toBe(false);
  });
});
