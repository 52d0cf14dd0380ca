import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  emptyCooldowns,
  type ObsEvent,
  planDeliveries,
  type WebhookConfig,
} from "@observatory/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliver, failureEvents } from "./deliver.js";

const TOKEN = "SENTINEL-WEBHOOK-TOKEN-9f8e7d";
const received: Array<{ path: string; body: unknown }> = [];
const behaviour = new Map<string, Array<(res: ServerResponse) => void>>();
let base = "";
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  let data = "";
  req.on("data", (c) => {
    data += c;
  });
  req.on("end", () => {
    received.push({ path: req.url ?? "", body: JSON.parse(data) });
    const queue = behaviour.get(req.url ?? "") ?? [];
    const next = queue.shift();
    if (next) next(res);
    else res.writeHead(204).end();
  });
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const event: ObsEvent = {
  v: 2,
  epoch_id: "20261121T050000.000Z-0000",
  ts: "2026-11-21T05:00:00.000Z",
  severity: "CRITICAL",
  type: "EXPERIMENT_DRIFT",
  lock: "paper",
  locked_epoch_id: "20261120T050000.000Z-0000",
  violations: [{ kind: "BEHAVIOR_DRIFT", detail: "openai/gpt-4o tool_call drifted" }],
};
const plan = (path: string, type: "generic" | "discord" | "slack" = "generic") => {
  const config: WebhookConfig = {
    webhooks: [{ type, url: `${base}${path}/${TOKEN}`, min_severity: "INFO" }],
    cooldown_seconds: 0,
  };
  return planDeliveries([event], config, emptyCooldowns(), new Date()).deliveries;
};
const noSleep = async () => {};

describe("webhook delivery over real HTTP", () => {
  it("posts the rendered body and reports success on 2xx", async () => {
    const [r] = await deliver(plan("/ok", "discord"), { sleep: noSleep });
    expect(r).toMatchObject({ ok: true, status: 204, attempts: 1 });
    expect(JSON.stringify(received.at(-1)?.body)).toContain("[CRITICAL] EXPERIMENT_DRIFT");
  });

  it("counts non-2xx as failure and logs it as WEBHOOK_FAILED without the URL", async () => {
    behaviour.set(`/fail/${TOKEN}`, [(res) => res.writeHead(500).end("boom")]);
    const results = await deliver(plan("/fail"), { sleep: noSleep });
    expect(results[0]).toMatchObject({ ok: false, status: 500 });
    const events = failureEvents(results);
    expect(events).toEqual([
      expect.objectContaining({
        type: "WEBHOOK_FAILED",
        status: 500,
        event_type: "EXPERIMENT_DRIFT",
      }),
    ]);
    expect(JSON.stringify(events)).not.toContain(TOKEN);
  });

  it("backs off on 429 for Retry-After and then succeeds", async () => {
    const waits: number[] = [];
    behaviour.set(`/busy/${TOKEN}`, [(res) => res.writeHead(429, { "retry-after": "2" }).end()]);
    const [r] = await deliver(plan("/busy"), { sleep: async (ms) => void waits.push(ms) });
    expect(r).toMatchObject({ ok: true, attempts: 2 });
    expect(waits).toEqual([2000]);
  });

  it("gives up on a persistent 429 and on a refused connection, never leaking the token", async () => {
    behaviour.set(
      `/busy2/${TOKEN}`,
      Array(5).fill((res: ServerResponse) => res.writeHead(429, { "retry-after": "0" }).end()),
    );
    const [busy] = await deliver(plan("/busy2"), { sleep: noSleep });
    expect(busy).toMatchObject({ ok: false, status: 429, attempts: 3 });
    const refused = planDeliveries(
      [event],
      {
        webhooks: [
          { type: "slack", url: `http://127.0.0.1:1/hook/${TOKEN}`, min_severity: "INFO" },
        ],
        cooldown_seconds: 0,
      },
      emptyCooldowns(),
      new Date(),
    ).deliveries;
    const [down] = await deliver(refused, { sleep: noSleep, timeoutMs: 2000 });
    expect(down?.ok).toBe(false);
    expect(JSON.stringify([busy, down, failureEvents([busy!, down!])])).not.toContain(TOKEN);
  });
});
