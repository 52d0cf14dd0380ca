// The instance lock from obs-poll's side: --wait queues behind a live holder instead of skipping,
// and a writer that lost its lock while paused reports an error (exit 4), claims no epoch and
// sends no webhook.
import { spawn } from "node:child_process";
import { mkdir, readFile, utimes, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { acquireInstanceLock } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { RunRecordSchema } from "../src/records.js";
import { committedOf, harness, runOf } from "./harness.js";

const bin = fileURLToPath(new URL("../bin/obs-poll.js", import.meta.url));

describe("obs-poll and the instance lock", () => {
  it("--wait=SECONDS queues behind a live holder; bare --wait is accepted; a bad value is exit 2", async () => {
    const h = await harness({ seed: 1 }, ["openai"]);
    await mkdir(h.stateDir, { recursive: true });
    const held = await acquireInstanceLock(h.stateDir);
    if (!held.ok) throw new Error("could not take the lock");
    const started = Date.now();
    const waiting = h.run("obs-poll", ["--wait=20"]);
    await new Promise((r) => setTimeout(r, 1500));
    await held.lock.release();
    const r = await waiting;
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - started).toBeGreaterThan(1400);
    expect(committedOf(r)).toMatchObject({ type: "EPOCH_COMMITTED" });
    expect((await h.run("obs-poll", ["--wait"])).code).toBe(0);
    expect((await h.run("obs-poll", ["--wait=soon"])).code).toBe(2);
    // A bad knob from the environment is a usage error too, not an internal one.
    const bad = await h.run("obs-poll", [], { OBS_WEBHOOK_DEADLINE: "soon" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'OBS_WEBHOOK_DEADLINE must be a number of seconds from 0.1 to 3600, got "soon"',
    );
    expect(runOf(bad)).toMatchObject({ status: "nothing_committed", exit_code: 2 });
  });

  it("a writer paused until its lock was taken over ends with exit 4, no epoch claimed, no webhook sent", async () => {
    let hooks = 0;
    const rx = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        hooks++;
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => rx.listen(0, "127.0.0.1", r));
    try {
      const h = await harness({ seed: 1 }, ["openai"]);
      expect((await h.run("obs-poll", ["--no-canary"])).code).toBe(0);
      const url = `http://127.0.0.1:${(rx.address() as AddressInfo).port}/h`;
      await writeFile(
        join(h.stateDir, "webhooks.json"),
        JSON.stringify({ webhooks: [{ url, min_severity: "INFO" }] }),
      );
      h.server.scenario.advance();
      const child = spawn(process.execPath, [bin, "--state-dir", h.stateDir, "--no-canary"], {
        env: {
          PATH: process.env["PATH"] ?? "",
          ...h.env,
          OBS_TEST_STOP_AT: "pointer",
          OBS_LOCK_STALE_MS: "2000",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => {
        out += d;
      });
      child.stderr.on("data", (d) => {
        err += d;
      });
      const ended = new Promise<number | null>((r) => child.on("exit", r));
      // Stopped (SIGSTOP) just before its pointer flip, holding the lock.
      for (;;) {
        const stat = await readFile(`/proc/${child.pid}/stat`, "utf8").catch(() => "");
        if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("T")) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const past = new Date(Date.now() - 60_000);
      await utimes(join(h.stateDir, "observatory.lock"), past, past);
      const winner = await h.run("obs-poll", ["--no-canary"], { OBS_LOCK_STALE_MS: "2000" });
      expect(winner.code, winner.stderr).toBe(0);
      const sentByWinner = hooks;
      child.kill("SIGCONT");
      expect(await ended).toBe(4);
      expect(err).toMatch(/^obs-poll: error: /m);
      expect(err).not.toMatch(/internal error/);
      expect(out).not.toContain("EPOCH_COMMITTED");
      // Its stdout still ends with the RUN record, which says so.
      const run = RunRecordSchema.parse(JSON.parse(out.trim().split("\n").at(-1)!));
      expect(run).toMatchObject({ status: "lock_lost", epoch_id: null, exit_code: 4 });
      expect(hooks).toBe(sentByWinner);
    } finally {
      await new Promise<void>((r) => rx.close(() => r()));
    }
  });
});
