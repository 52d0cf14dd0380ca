// obs-lock end to end: a lock names a real, verifiable epoch and the baselines measured in it;
// without fresh baselines it refuses; --benchmark-before-lock benchmarks, commits, then locks.
import { access, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  BenchmarkStoreSchema,
  LockSchema,
  loadEpoch,
  modelsInScope,
  readCurrentEpoch,
  scopeHashes,
} from "@observatory/core";
import { describe, expect, it } from "vitest";
import { type Bin, harness, ofType } from "./harness.js";

const MODELS = "openai/gpt-4o,openai/gpt-4o-mini";
const readLock = async (stateDir: string, name: string) =>
  LockSchema.parse(
    JSON.parse(await readFile(join(stateDir, "locks", `${name}.lock.json`), "utf8")),
  );

describe("obs-lock", () => {
  it("locks a real epoch: its manifest hash verifies and the baselines are that epoch's", async () => {
    const h = await harness({ seed: 5 }, ["openai"]);
    await h.poll(MODELS);
    const r = await h.run("obs-lock", ["exp-1", "--models", MODELS, "--notes", "phase 2"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("locked exp-1 to epoch");

    const lock = await readLock(h.stateDir, "exp-1");
    const created = ofType(r, "LOCK_CREATED")[0]!;
    expect(created["lock"]).toEqual(lock);
    const loaded = await loadEpoch(h.stateDir, lock.epoch_id, lock.manifest_hash);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.epoch.epochId).toBe((await readCurrentEpoch(h.stateDir)).epoch?.epochId);
    // The structural hashes recompute from the epoch; the baselines are its store's values.
    const inScope = modelsInScope(loaded.epoch.snapshots, lock.scope);
    expect(scopeHashes(inScope)).toEqual({
      registry_hash: lock.registry_hash,
      model_ids_hash: lock.model_ids_hash,
    });
    const store = BenchmarkStoreSchema.parse(loaded.epoch.benchmarks);
    for (const [model, byProbe] of Object.entries(lock.baselines))
      for (const [probe, value] of Object.entries(byProbe))
        expect(store.models[model]?.[probe]?.state.baseline).toBe(value);
    expect(lock).toMatchObject({
      models: ["openai/gpt-4o", "openai/gpt-4o-mini"],
      scope: { providers: null, models: ["openai/gpt-4o", "openai/gpt-4o-mini"] },
      coverage: { models: 2, probes: 6, pairs: 12 },
      benchmark_epoch: lock.epoch_id,
      benchmark_stale: false,
      behavior: "LOCKED",
      notes: "phase 2",
    });
    expect(lock.baselines["openai/gpt-4o"]?.["arithmetic"]).toBe("4");

    // --list, --show and export describe the same lock.
    const list = await h.run("obs-lock", ["--list"]);
    expect(ofType(list, "LOCK")).toMatchObject([{ name: "exp-1", epoch_id: lock.epoch_id }]);
    const shown = await h.run("obs-lock", ["--show", "exp-1"]);
    expect(shown.records).toEqual([
      {
        type: "LOCK_FILE",
        version: 1,
        name: "exp-1",
        path: join(h.stateDir, "locks", "exp-1.lock.json"),
        format: "observatory.lock/2",
        lock,
      },
    ]);
    const md = await h.run("obs-lock", ["export", "exp-1", "--format", "md"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain(lock.manifest_hash);
    expect(md.stdout).toContain("re-verified");
    expect(md.stdout).toContain("| openai/gpt-4o | arithmetic | `4` |");
    expect(md.stdout).toContain("**CLEAN**");
    await h.poll(MODELS);
    const json = await h.run("obs-lock", ["export", "exp-1", "--format", "json"]);
    const doc = JSON.parse(json.stdout);
    expect(doc.locked_epoch).toMatchObject({ epoch_id: lock.epoch_id, verified: true });
    expect(doc.since).toHaveLength(1);
    expect(doc.since[0].status).toBe("CLEAN");

    const again = await h.run("obs-lock", ["exp-1", "--models", MODELS]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
  });

  it("refuses without fresh baselines: run obs-bench first; --max-age accepts them as stale", async () => {
    const h = await harness({ seed: 5 }, ["openai"]);
    await h.run("obs-poll", ["--no-canary"]);
    const none = await h.run("obs-lock", ["exp", "--models", MODELS]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("run obs-bench first");
    await expect(access(join(h.stateDir, "locks", "exp.lock.json"))).rejects.toThrow();

    await h.run("obs-bench", ["--models", MODELS]);
    // A later poll without benchmarks: the baselines are now older than the current epoch.
    await h.run("obs-poll", ["--no-canary"]);
    const stale = await h.run("obs-lock", ["exp", "--models", MODELS]);
    expect(stale.code).toBe(2);
    expect(stale.stderr).toContain("run obs-bench first");
    expect(stale.stderr).toContain("--max-age");

    const ok = await h.run("obs-lock", ["exp", "--models", MODELS, "--max-age", "1h"]);
    expect(ok.code).toBe(0);
    const lock = await readLock(h.stateDir, "exp");
    expect(lock.benchmark_stale).toBe(true);
    expect(lock.benchmark_epoch! < lock.epoch_id).toBe(true);
    expect(ok.stderr).toContain("marked stale");
  });

  it("--benchmark-before-lock benchmarks, commits a new epoch, then locks exactly that epoch", async () => {
    const h = await harness({ seed: 5 }, ["openai"]);
    await h.run("obs-poll", ["--no-canary"]);
    const before = (await readCurrentEpoch(h.stateDir)).epoch!.epochId;
    const r = await h.run("obs-lock", [
      "exp",
      "--benchmark-before-lock",
      "--models",
      "openai/gpt-4o",
    ]);
    expect(r.code).toBe(0);
    const committed = ofType(r, "EPOCH_COMMITTED")[0]!;
    expect(committed["tool"]).toBe("obs-bench");
    const lock = await readLock(h.stateDir, "exp");
    expect(lock.epoch_id).toBe(committed["epoch_id"]);
    expect(lock.epoch_id > before).toBe(true);
    expect(lock.manifest_hash).toBe(committed["manifest_hash"]);
    expect(lock.coverage).toEqual({ models: 1, probes: 6, pairs: 6 });
    expect(lock.benchmark_stale).toBe(false);
    expect(ofType(r, "BENCHMARK_RESULT")).toHaveLength(6);
  });

  it("--benchmark-before-lock finds obs-bench on PATH when OBS_BENCH_COMMAND is not set", async () => {
    const h = await harness({ seed: 5 }, ["openai"]);
    await h.run("obs-poll", ["--no-canary"]);
    const r = await h.sh(
      "OBS_BENCH_COMMAND= obs-lock exp --benchmark-before-lock --models openai/gpt-4o --json",
    );
    expect(r.code, r.stderr).toBe(0);
    const run = ofType(r, "RUN")[0]!;
    expect(run["status"]).toBe("committed");
    expect((await readLock(h.stateDir, "exp")).epoch_id).toBe(run["epoch_id"]);
  });

  it("--benchmark-before-lock without an obs-bench says what to install and locks nothing", async () => {
    const h = await harness({ seed: 5 }, ["openai"]);
    await h.run("obs-poll", ["--no-canary"]);
    const before = (await readCurrentEpoch(h.stateDir)).epoch!.epochId;
    const r = await h.run("obs-lock", ["exp", "--benchmark-before-lock"], {
      OBS_BENCH_COMMAND: "",
      PATH: join(h.root, "no-such-dir"),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no obs-bench on PATH");
    expect(r.stderr).toContain("install @observatory/cli-poll");
    expect(r.stdout).toBe("");
    expect((await readCurrentEpoch(h.stateDir)).epoch!.epochId).toBe(before);
    await expect(readdir(join(h.stateDir, "locks"))).rejects.toThrow();
  });

  it("a failed benchmark run is an error that says so, and nothing is locked", async () => {
    const h = await harness({ seed: 5 }, ["openai"]);
    await h.run("obs-poll", ["--no-canary"]);
    const noLock = async () =>
      expect(access(join(h.stateDir, "locks", "exp.lock.json"))).rejects.toThrow();
    const args = ["exp", "--benchmark-before-lock", "--models", "openai/gpt-4o"];

    // The real obs-bench refusing its input (exit 2, RUN status nothing_committed).
    const badProbes = await h.run("obs-lock", [...args, "--probes", join(h.root, "missing.json")]);
    expect(badProbes.code).toBe(2);
    expect(badProbes.stderr).toContain("the benchmark before the lock failed");
    expect(badProbes.stderr).toContain("nothing was locked");
    await noLock();

    // An obs-bench whose run failed (RUN status failed, exit 5), and one that died silently.
    const failed = join(h.root, "failed-bench.mjs");
    const run = {
      type: "RUN",
      version: 1,
      tool: "obs-bench",
      status: "failed",
      epoch_id: null,
      manifest_hash: null,
      exit_code: 5,
      reason: "ENOSPC: no space left on device",
    };
    await writeFile(
      failed,
      `process.stdout.write(${JSON.stringify(`${JSON.stringify(run)}\n`)}); process.exitCode = 5;\n`,
    );
    const r = await h.run("obs-lock", args, { OBS_BENCH_COMMAND: failed });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain("the benchmark before the lock failed (obs-bench: failed, exit 5)");
    expect(r.stderr).toContain("no space left on device");
    await noLock();

    const silent = join(h.root, "silent-bench.mjs");
    await writeFile(silent, "process.exitCode = 0;\n");
    const s = await h.run("obs-lock", args, { OBS_BENCH_COMMAND: silent });
    expect(s.code).toBe(70);
    expect(s.stderr).toContain("without a RUN record");
    await noLock();
  });

  it("scope names are checked against the epoch, lock names before the file system is touched", async () => {
    const h = await harness({ seed: 5 }, ["openai"]);
    await h.poll("openai/gpt-4o");
    const cases: Array<[Bin, string[], number, string]> = [
      ["obs-lock", ["../evil", "--models", "openai/gpt-4o"], 2, "invalid lock name"],
      ["obs-lock", ["exp", "--models", "openai/no-such-model"], 6, "openai/no-such-model"],
      ["obs-lock", ["exp", "--models", "openai/gpt-4o", "--max-age", "6"], 2, "number and a unit"],
      ["obs-lock", ["--show", "nope"], 6, "no such lock"],
      ["obs-lock", [], 2, "name the lock"],
      ["obs-check", ["../x"], 2, "invalid lock name"],
      ["obs-check", ["nope"], 6, "no such lock"],
      ["obs-check", [], 2, "or give --all"],
    ];
    for (const [bin, args, code, text] of cases) {
      const r = await h.run(bin, args);
      expect({ bin, args, code: r.code }).toEqual({ bin, args, code });
      expect(r.stderr).toContain(text);
    }
    expect(await readdir(h.root)).toEqual(["state"]);
    await expect(readdir(join(h.stateDir, "locks"))).rejects.toThrow();
  });
});
