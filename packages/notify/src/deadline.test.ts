// A receiver that trickles its answer must not hold a run: each request has a total deadline,
// body included, and a run's deliveries share one overall deadline.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { emptyCooldowns, type ObsEvent, planDeliveries } from "@observatory/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliver, failureEvents } from "./deliver.js";

const open = new Set<ServerResponse>();
let inFlight = 0;
let maxInFlight = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // Headers at once, then one byte a second, for a minute.
    res.writeHead(200, { "content-type": "text/plain" });
    open.add(res);
    let n = 0;
    const t = setInterval(() => {
      if (res.destroyed || ++n > 60) {
        clearInterval(t);
        inFlight--;
        res.end();
        return;
      }
      res.write(".");
    }, 1000);
    res.on("close", () => {
      if (!res.writableEnded) inFlight--;
      clearInterval(t);
    });
  });
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  for (const r of open) r.destroy();
  return new Promise<void>((r) => server.close(() => r()));
});

const events = (n: number): ObsEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    v: 2,
    epoch_id: "20261121T050000.000Z-0000",
    ts: "2026-11-21T05:00:00.000Z",
    severity: "WARN",
    type: "MODEL_REMOVED",
    provider: "openai",
    model_id: `m${i}`,
  }));

describe("webhook deadlines", () => {
  it("a trickling answer fails at the per-request deadline, body included", async () => {
    const plan = planDeliveries(
      events(1),
      {
        webhooks: [{ type: "generic", url: `${base}/trickle`, min_severity: "INFO" }],
        cooldown_seconds: 0,
      },
      emptyCooldowns(),
      new Date(),
    );
    const t0 = Date.now();
    const [r] = await deliver(plan.deliveries, { timeoutMs: 800 });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r).toMatchObject({ ok: false, key: plan.deliveries[0]!.key });
    expect(r?.reason).toMatch(/deadline|timed out|timeout/i);
  });

  it("many slow hooks: bounded concurrency, and the run's deliveries end by the overall deadline", async () => {
    maxInFlight = 0;
    const plan = planDeliveries(
      events(8),
      {
        webhooks: [{ type: "generic", url: `${base}/slow`, min_severity: "INFO" }],
        cooldown_seconds: 0,
      },
      emptyCooldowns(),
      new Date(),
    );
    const t0 = Date.now();
    const results = await deliver(plan.deliveries, {
      timeoutMs: 30_000,
      deadlineMs: 1500,
      concurrency: 3,
    });
    expect(Date.now() - t0).toBeLessThan(4000);
    expect(results).toHaveLength(8);
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    // Never attempted after the deadline: one event with a count, not one per notification.
    const failed = failureEvents(results);
    expect(failed.length).toBeLessThanOrEqual(4);
    expect(failed.at(-1)).toMatchObject({
      reason: expect.stringMatching(/run deadline passed before 5 notifications/),
    });
  });
});
