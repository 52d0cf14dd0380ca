// obs-check's webhooks never hold the state: news is logged under the lock, sent after it is
// released (a trickling receiver does not keep another run out), and a corrupt webhook config
// is reported while the check goes on.
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { binPath, checkOf, harness, ofType } from "./harness.js";

const GPT = "openai/gpt-4o";
const open = new Set<ServerResponse>();
const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const r of open) r.destroy();
  for (const close of servers.splice(0)) await close();
});

/** Headers at once, then one byte a second: never a complete answer. */
async function trickler() {
  let requests = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      requests++;
      res.writeHead(200, { "content-type": "text/plain" });
      open.add(res);
      const t = setInterval(() => res.write("."), 1000);
      res.on("close", () => clearInterval(t));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  servers.push(() => new Promise<void>((r) => server.close(() => r())));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    requests: () => requests,
  };
}

describe("obs-check webhooks", () => {
  it("a corrupt webhooks.json is a WARN event and a note; the check still runs", async () => {
    const h = await harness({ seed: 1 }, ["openai"]);
    await h.poll(GPT);
    expect((await h.run("obs-lock", ["exp", "--models", GPT])).code).toBe(0);
    await writeFile(join(h.stateDir, "webhooks.json"), "{ not json");
    const r = await h.run("obs-check", ["exp"]);
    expect(r.code).toBe(0);
    expect(checkOf(r, "exp")["status"]).toBe("CLEAN");
    expect(ofType(r, "WEBHOOK_CONFIG_INVALID")).toEqual([
      expect.objectContaining({ severity: "WARN", file: "webhooks.json" }),
    ]);
    expect(r.stderr).toContain("webhook config ignored");
  });

  it("news is sent after the lock is released: a trickling receiver keeps no other run out", async () => {
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
    const hook = await trickler();
    const hooks = join(h.root, "hooks.json");
    await writeFile(hooks, JSON.stringify({ webhooks: [{ name: "lab", url: hook.url }] }));
    await h.poll(GPT);
    await h.run("obs-lock", ["exp", "--models", GPT]);
    for (let poll = 2; poll <= 5; poll++) await h.poll(GPT);
    const child = spawn(
      process.execPath,
      [binPath("obs-check"), "--state-dir", h.stateDir, "exp", "--webhooks", hooks],
      { env: { PATH: process.env["PATH"] ?? "", ...h.env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    const exited = new Promise<number | null>((r) => child.on("exit", r));
    const started = Date.now();
    while (hook.requests() === 0) await new Promise((r) => setTimeout(r, 25));
    // obs-check is waiting on the receiver; the state directory is free.
    const poll = await h.run("obs-poll", ["--no-canary"]);
    expect(poll.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(await exited).toBe(1);
    // Ends by the per-request deadline (10 s), not when the receiver gives up.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(out).toContain('"EXPERIMENT_DRIFT"');
    expect(out).toContain('"WEBHOOK_FAILED"');
  }, 90_000);
});
