// Webhooks never hold the state: a receiver that sends its headers and then one byte a second
// keeps neither the lock (a second obs-poll takes it at once) nor the run (it ends by the
// run's webhook deadline, the delivery reported as failed).
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readEvents } from "@observatory/core";
import { afterEach, describe, expect, it } from "vitest";
import { harness } from "./harness.js";

const open = new Set<ServerResponse>();
let requests = 0;
const trickler = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    requests++;
    res.writeHead(200, { "content-type": "text/plain" });
    open.add(res);
    const t = setInterval(() => res.write("."), 1000);
    res.on("close", () => clearInterval(t));
  });
});
afterEach(async () => {
  for (const r of open) r.destroy();
  await new Promise<void>((r) => trickler.close(() => r()));
});

describe("webhook delivery after the lock is released", () => {
  it("a trickling receiver holds neither the lock nor the run past its deadline", async () => {
    await new Promise<void>((r) => trickler.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(trickler.address() as AddressInfo).port}`;
    const h = await harness({ seed: 1 }, ["openai"]);
    await mkdir(h.stateDir, { recursive: true });
    await writeFile(
      join(h.stateDir, "webhooks.json"),
      JSON.stringify({ webhooks: [{ type: "generic", url: `${url}/hook`, min_severity: "INFO" }] }),
    );
    const bin = fileURLToPath(new URL("../bin/obs-poll.js", import.meta.url));
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [bin, "--state-dir", h.stateDir, "--webhook-timeout", "60", "--webhook-deadline", "6"],
      { env: { PATH: process.env["PATH"] ?? "", ...h.env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    let firstEnded = false;
    const exited = new Promise<number | null>((r) =>
      child.on("exit", (code) => {
        firstEnded = true;
        r(code);
      }),
    );
    while (requests === 0) await new Promise((r) => setTimeout(r, 25));
    // The first run is now waiting on the receiver: the lock must be free.
    const second = await h.run("obs-poll", ["--webhook-deadline", "1"]);
    expect(second.stderr).not.toMatch(/another instance/);
    expect(second.code).toBe(0);
    // ...and the second run got it while the first was still waiting on the receiver.
    expect(firstEnded).toBe(false);
    const code = await exited;
    const took = Date.now() - started;
    expect(code).toBe(0);
    // Ended by the 6 s deadline, not by the 60 s per-request timeout (with room for a busy machine).
    expect(took).toBeGreaterThan(5500);
    expect(took).toBeLessThan(30_000);
    expect(out).toContain('"WEBHOOK_FAILED"');
    const { events } = await readEvents(h.stateDir);
    expect(events.some((e) => e.type === "WEBHOOK_FAILED")).toBe(true);
  }, 60_000);
});
