// obs-check end to end over the scenario server: sampling noise keeps a lock clean, a confirmed
// drift violates it (once: event, webhook, exit 1), piping checks the epoch obs-poll committed.

import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { readEvents } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { checkOf, harness, ofType, pairsOf } from "./harness.js";

const GPT = "openai/gpt-4o";

/** A webhook receiver on loopback; returns its URL and the bodies it got. */
async function hookServer() {
  const bodies: Array<Record<string, unknown>> = [];
  const server = createServer((req, res) => {
    let data = "";
    req.on("data", (d) => {
      data += d;
    });
    req.on("end", () => {
      bodies.push(JSON.parse(data));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, bodies, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("obs-check", () => {
  it("sampling variants keep a piped check clean over many polls", async () => {
    const h = await harness(
      {
        seed: 7,
        answers: [
          { provider: "openai", model: "gpt-4o", prompt: 1, flip: { rate: 0.3, surfaces: ["5"] } },
        ],
      },
      ["openai"],
    );
    await h.poll(GPT);
    expect((await h.run("obs-lock", ["exp", "--models", GPT])).code).toBe(0);
    const seen: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await h.pipe(
        ["obs-poll", "--no-canary", "--benchmark", "--models", GPT],
        ["obs-check", "--all"],
      );
      h.server.scenario.advance();
      const rec = checkOf(r, "exp");
      expect(r.code).toBe(0);
      expect(rec["status"]).toBe("CLEAN");
      // The piped epoch is the one checked, never "whatever is latest".
      expect(rec["checked_from"]).toBe("stdin");
      seen.push(...pairsOf(rec).map((p) => p["status"]));
    }
    expect(seen).toContain("VARIANT");
    expect(seen).not.toContain("DRIFT");
    expect(seen).not.toContain("MISSING");
    const { events } = await readEvents(h.stateDir);
    expect(events.filter((e) => e.type === "EXPERIMENT_DRIFT")).toEqual([]);
  });

  it("a confirmed drift violates the lock: one EXPERIMENT_DRIFT, one webhook, exit 1", async () => {
    const h = await harness(
      {
        seed: 11,
        answers: [
          {
            provider: "openai",
            model: "gpt-4o",
            prompt: 4,
            change: { fromPoll: 3, surfaces: ['{"name":"test","values":[1,2,3]}'] },
          },
        ],
      },
      ["openai"],
    );
    const hook = await hookServer();
    const hooks = join(h.root, "hooks.json");
    await writeFile(hooks, JSON.stringify({ webhooks: [{ name: "lab", url: hook.url }] }));
    try {
      await h.poll(GPT);
      await h.run("obs-lock", ["exp", "--models", GPT]);
      const lockBytes = await readFile(join(h.stateDir, "locks", "exp.lock.json"));
      const statuses: unknown[] = [];
      let violated: Awaited<ReturnType<typeof h.run>> | undefined;
      for (let poll = 2; poll <= 5; poll++) {
        await h.poll(GPT);
        const r = await h.run("obs-check", ["exp", "--webhooks", hooks]);
        const json = pairsOf(checkOf(r, "exp")).find((p) => p["probe"] === "json")!;
        statuses.push(json["status"]);
        if (poll < 5) expect(r.code).toBe(0);
        else violated = r;
      }
      // Two unconfirmed candidates are variants; the third poll confirms the drift.
      expect(statuses).toEqual(["MATCH", "VARIANT", "VARIANT", "DRIFT"]);
      expect(violated!.code).toBe(1);
      expect(violated!.stderr).toContain("VIOLATED");
      const rec = checkOf(violated!, "exp");
      expect(rec["violations"]).toEqual([
        {
          kind: "BEHAVIOR_DRIFT",
          detail: expect.stringContaining('-> {"name":"test","values":[1,2,3]}'),
        },
      ]);
      const [event] = ofType(violated!, "EXPERIMENT_DRIFT");
      expect(event).toMatchObject({
        lock: "exp",
        severity: "HIGH",
        locked_epoch_id: rec["locked_epoch_id"],
      });
      expect(hook.bodies.map((b) => b["event_type"])).toEqual(["EXPERIMENT_DRIFT"]);

      // Still violated on the next check, but already reported: no second event or webhook.
      const again = await h.run("obs-check", ["exp", "--webhooks", hooks]);
      expect(again.code).toBe(1);
      expect(ofType(again, "EXPERIMENT_DRIFT")).toEqual([]);
      expect(hook.bodies).toHaveLength(1);
      const { events } = await readEvents(h.stateDir);
      expect(events.filter((e) => e.type === "EXPERIMENT_DRIFT")).toHaveLength(1);
      // obs-check never touches lock files.
      expect(await readFile(join(h.stateDir, "locks", "exp.lock.json"))).toEqual(lockBytes);
    } finally {
      await hook.close();
    }
  });
});
