// The run's edges: v1 state refused, another instance holding the lock, nothing to measure,
// SIGINT mid-run, --help and --list-providers.
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { acquireInstanceLock, readCurrentEpoch } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { committedOf, harness, ofType, runOf } from "./harness.js";

describe("obs-poll exit codes and safety", () => {
  it("refuses a v1 state directory with an instruction to run obs-migrate (exit 2), changing nothing", async () => {
    const h = await harness({ seed: 1 }, ["openai"]);
    await mkdir(h.stateDir, { recursive: true });
    await writeFile(join(h.stateDir, "openai_snapshot_latest.json"), "{}");
    for (const bin of ["obs-poll", "obs-bench"] as const) {
      const r = await h.run(bin);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^${bin}: error: .* is a v1 state directory`, "m"));
      expect(r.stderr).toMatch(/^hint: upgrade it first: obs-migrate --state-dir /m);
      expect(runOf(r)).toMatchObject({ status: "nothing_committed", epoch_id: null, exit_code: 2 });
    }
    expect(h.server.scenario.calls()).toEqual([]);
    expect((await readCurrentEpoch(h.stateDir)).epoch).toBeNull();
  });

  it("skips cleanly with exit 4 while another instance holds the lock", async () => {
    const h = await harness({ seed: 1 }, ["openai"]);
    await mkdir(h.stateDir, { recursive: true });
    const held = await acquireInstanceLock(h.stateDir);
    if (!held.ok) throw new Error("could not take the lock");
    try {
      const r = await h.run("obs-poll");
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/skipped: another instance holds the lock/);
      // Nothing but the RUN record, which says the run was skipped.
      expect(r.records).toEqual([
        expect.objectContaining({ type: "RUN", status: "locked", epoch_id: null, exit_code: 4 }),
      ]);
    } finally {
      await held.lock.release();
    }
    expect((await h.run("obs-poll")).code).toBe(0);
  });

  it("exit 3 when nothing can be measured: no provider configured, or every provider failing", async () => {
    const h = await harness(
      { seed: 1, faults: [{ route: "models", fault: { type: "status", status: 403 } }] },
      ["openai", "mistral"],
    );
    const none = await h.run("obs-poll", [], { OPENAI_API_KEY: "", MISTRAL_API_KEY: "" });
    expect(none.code).toBe(3);
    expect(none.stderr).toContain("no provider is configured");
    expect(none.records).toEqual([
      expect.objectContaining({ type: "RUN", status: "nothing_committed", exit_code: 3 }),
    ]);
    const failing = await h.run("obs-poll");
    expect(failing.code).toBe(3);
    expect(ofType(failing, "POLL_ERROR")).toHaveLength(2);
    // The errors are committed (an epoch that carries both providers forward): the RUN record
    // names it, with exit code 3.
    const committed = committedOf(failing);
    expect(committed).toMatchObject({
      type: "EPOCH_COMMITTED",
      version: 1,
      providers: { openai: "error", mistral: "error" },
    });
    expect(runOf(failing)).toMatchObject({
      status: "committed",
      epoch_id: committed?.["epoch_id"],
      exit_code: 3,
    });
  });

  it("a state directory that cannot be written is exit 5, not a crash", async () => {
    const h = await harness({ seed: 1 }, ["openai"]);
    await mkdir(join(h.stateDir, ".."), { recursive: true });
    await writeFile(h.stateDir, "a file where the state directory should be");
    const r = await h.run("obs-poll");
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^obs-poll: error: /m);
    expect(runOf(r)).toMatchObject({ status: "failed", epoch_id: null, exit_code: 5 });
  });

  it("usage errors are exit 2 with a hint: unknown provider, unknown flag, bad --models", async () => {
    const h = await harness({ seed: 1 }, ["openai"]);
    for (const args of [
      ["--providers", "nosuch"],
      ["--bogus"],
      ["--benchmark", "--models", "gpt-4o"],
    ]) {
      const r = await h.run("obs-poll", args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/error:/);
    }
  });

  it("SIGINT: no new calls, what completed is committed as a partial epoch, exit 130", async () => {
    const h = await harness({ seed: 1, latencyMs: 150 }, ["openai"]);
    const first = await h.run("obs-poll");
    expect(first.code).toBe(0);
    const bin = fileURLToPath(new URL("../bin/obs-poll.js", import.meta.url));
    const child = spawn(process.execPath, [bin, "--state-dir", h.stateDir, "--benchmark"], {
      env: { PATH: process.env["PATH"] ?? "", ...h.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    // Wait until benchmark calls are flowing, then interrupt.
    while (h.server.scenario.calls({ route: "chat" }).length < 4)
      await new Promise((r) => setTimeout(r, 20));
    child.kill("SIGINT");
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    expect(code).toBe(130);
    const records = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const results = records.filter((e) => e["type"] === "BENCHMARK_RESULT");
    // 10 models x 6 probes were planned; far fewer finished.
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThan(60);
    const state = await readCurrentEpoch(h.stateDir);
    expect(state.problems).toEqual([]);
    expect(records.at(-1)).toMatchObject({ type: "RUN", status: "interrupted", exit_code: 130 });
    expect(state.epoch?.epochId).toBe(records.at(-1)?.["epoch_id"]);
    const callsAtExit = h.server.scenario.calls({ route: "chat" }).length;
    await new Promise((r) => setTimeout(r, 400));
    expect(h.server.scenario.calls({ route: "chat" }).length).toBe(callsAtExit);
    expect((await h.run("obs-poll")).code).toBe(0);
  });

  it("--help explains the tool, --list-providers masks keys to their last 4 characters", async () => {
    const h = await harness({ seed: 1 }, ["openai"]);
    const help = await h.run("obs-poll", ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout + help.stderr).toMatch(/--benchmark[\s\S]*Exit codes/);
    const list = await h.run("obs-poll", ["--list-providers", "--json"], {
      OPENAI_API_KEY: "sk-test-SENTINEL-abcd1234",
    });
    const openai = list.records.find((p) => p["name"] === "openai");
    expect(openai).toMatchObject({ configured: true, key: "****1234" });
    expect(list.stdout).not.toContain("SENTINEL");
  });
});
