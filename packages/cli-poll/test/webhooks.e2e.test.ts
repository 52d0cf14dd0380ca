// Webhooks end to end, with a real loopback receiver: min_severity per hook, tier severity in
// the payload, cooldown persisted across separate runs, failures logged, URLs never printed.

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { readEvents } from "@observatory/core";
import { afterEach, describe, expect, it } from "vitest";
import { committedOf, harness, ofType } from "./harness.js";

const TOKEN = "SENTINEL-hook-token-7d1c";

interface Hit {
  path: string;
  body: Record<string, unknown>;
}

async function receiver(statusFor: (path: string, n: number) => number) {
  const hits: Hit[] = [];
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => {
      data += c;
    });
    req.on("end", () => {
      const path = req.url ?? "";
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      hits.push({ path, body: JSON.parse(data) as Record<string, unknown> });
      const status = statusFor(path, n);
      res.writeHead(status, status === 429 ? { "retry-after": "0" } : {}).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return { url, hits };
}
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

describe("webhooks", () => {
  it("deliver by min_severity with the tier severity unchanged, hold repeats in cooldown across runs, log failures without the URL", async () => {
    const rx = await receiver((path, n) =>
      path.startsWith("/broken") ? 500 : path.startsWith("/busy") && n === 1 ? 429 : 204,
    );
    const h = await harness(
      {
        seed: 2,
        answers: [
          {
            provider: "openai",
            model: "gpt-4o",
            prompt: 4,
            change: { fromPoll: 3, surfaces: ['{"name":"test"}'] },
          },
        ],
        faults: [
          {
            provider: "mistral",
            route: "models",
            fromPoll: 2,
            fault: { type: "status", status: 401 },
          },
        ],
      },
      ["openai", "mistral"],
    );
    await mkdir(h.stateDir, { recursive: true });
    await writeFile(
      join(h.stateDir, "webhooks.json"),
      JSON.stringify({
        cooldown_seconds: 3600,
        webhooks: [
          { name: "ops", type: "slack", url: `${rx.url}/slack/${TOKEN}`, min_severity: "WARN" },
          { type: "generic", url: `${rx.url}/busy/${TOKEN}`, min_severity: "HIGH" },
          { type: "discord", url: `${rx.url}/broken/${TOKEN}`, min_severity: "HIGH" },
        ],
      }),
    );
    const outputs: string[] = [];
    for (let poll = 1; poll <= 5; poll++) {
      const r = await h.run("obs-poll", ["--benchmark", "--models", "openai/gpt-4o"]);
      outputs.push(r.stdout, r.stderr);
      if (poll === 5) {
        // The drift reached the HIGH hooks with its tier severity; the broken one is logged.
        const failed = ofType(r, "WEBHOOK_FAILED");
        expect(failed).toEqual([
          expect.objectContaining({
            hook: `${rx.url}/…`,
            status: 500,
            event_type: "BEHAVIOR_DRIFT",
          }),
        ]);
      }
      h.server.scenario.advance();
    }
    const slack = rx.hits.filter((x) => x.path.startsWith("/slack"));
    // POLL_ERROR (WARN) for mistral in polls 2-5: one notification, the rest held by the cooldown.
    const pollErrors = slack.filter((x) => JSON.stringify(x.body).includes("POLL_ERROR"));
    expect(pollErrors).toHaveLength(1);
    const generic = rx.hits.filter((x) => x.path.startsWith("/busy"));
    // 429 then success: the drift payload arrived, severity HIGH as the json tier says.
    expect(generic).toHaveLength(2);
    expect(generic[1]?.body).toMatchObject({
      event_type: "BEHAVIOR_DRIFT",
      severity: "HIGH",
      provider: "openai",
      model_id: "gpt-4o",
    });
    // INFO events never reached the WARN hook.
    expect(slack.some((x) => JSON.stringify(x.body).includes("MODEL_ADDED"))).toBe(false);
    const all = outputs.join("\n") + (await readFile(join(h.stateDir, "events.jsonl"), "utf8"));
    expect(all).not.toContain(TOKEN);
    const { events } = await readEvents(h.stateDir);
    expect(events.filter((e) => e.type === "WEBHOOK_FAILED")).toHaveLength(1);
  });

  it("an invalid webhook config is reported (WARN event and stderr) and polling goes on", async () => {
    const h = await harness({ seed: 1 }, ["openai"]);
    await mkdir(h.stateDir, { recursive: true });
    await writeFile(
      join(h.stateDir, "webhooks.json"),
      JSON.stringify({ webhooks: [{ url: `ftp://x/${TOKEN}`, min_severity: "LOUD" }] }),
    );
    const r = await h.run("obs-poll");
    expect(r.code).toBe(0);
    expect(ofType(r, "WEBHOOK_CONFIG_INVALID")).toEqual([
      expect.objectContaining({ severity: "WARN", file: "webhooks.json" }),
    ]);
    expect(committedOf(r)).toMatchObject({ providers: { openai: "fresh" } });
    expect(r.stderr).toContain("webhooks.json");
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it("a failed delivery starts no cooldown: the next run sends it again, once", async () => {
    const rx = await receiver((_path, n) => (n === 1 ? 500 : 204));
    const h = await harness(
      { seed: 1, catalogs: { openai: { remove: [{ fromPoll: 2, ids: ["gpt-4.1-mini"] }] } } },
      ["openai"],
    );
    await mkdir(h.stateDir, { recursive: true });
    await writeFile(
      join(h.stateDir, "webhooks.json"),
      JSON.stringify({
        cooldown_seconds: 3600,
        webhooks: [{ type: "generic", url: `${rx.url}/ops/${TOKEN}`, min_severity: "WARN" }],
      }),
    );
    for (let poll = 1; poll <= 4; poll++) {
      expect((await h.run("obs-poll")).code).toBe(0);
      h.server.scenario.advance();
    }
    // Poll 2's MODEL_REMOVED failed (500), poll 3 sent it again (204), poll 4 had nothing to send.
    const removed = rx.hits.filter((x) => x.body["event_type"] === "MODEL_REMOVED");
    expect(removed.map((x) => x.body["model_id"])).toEqual(["gpt-4.1-mini", "gpt-4.1-mini"]);
  });

  it("damage recovery found on open is in the run's output and reaches the hooks, not only the log", async () => {
    const rx = await receiver(() => 204);
    const h = await harness({ seed: 3 }, ["openai"]);
    await mkdir(h.stateDir, { recursive: true });
    await writeFile(
      join(h.stateDir, "webhooks.json"),
      JSON.stringify({
        webhooks: [{ type: "generic", url: `${rx.url}/ops/${TOKEN}`, min_severity: "WARN" }],
      }),
    );
    expect((await h.run("obs-poll")).code).toBe(0);
    h.server.scenario.advance();
    expect((await h.run("obs-poll")).code).toBe(0);
    // Damage the newest epoch's registry object: the next writer quarantines it and falls back.
    const pointer = JSON.parse(await readFile(join(h.stateDir, "current_epoch.json"), "utf8"));
    const manifest = JSON.parse(
      await readFile(join(h.stateDir, "epochs", `${pointer.epoch_id}.json`), "utf8"),
    );
    await writeFile(join(h.stateDir, "objects", `${manifest.registry}.json`), "{}");
    h.server.scenario.advance();
    const r = await h.run("obs-poll");
    expect(r.code).toBe(0);
    expect(ofType(r, "STATE_CORRUPT")).toEqual([
      expect.objectContaining({
        severity: "WARN",
        file: `objects/${manifest.registry}.json`,
        reason: "hash mismatch",
      }),
    ]);
    expect(r.stderr).toContain("STATE_CORRUPT");
    expect(rx.hits.map((x) => x.body["event_type"])).toContain("STATE_CORRUPT");
  });
});
