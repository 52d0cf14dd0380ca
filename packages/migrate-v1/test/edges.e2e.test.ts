// obs-migrate around the edges: collisions, directories that need nothing, the lock, the seed's
// own "v2" files, and the two output modes.
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  acquireInstanceLock,
  BenchmarkStoreSchema,
  PointerSchema,
  readCurrentEpoch,
} from "@observatory/core";
import { describe, expect, it } from "vitest";
import { migrate, readJson, tempState, treeHashes } from "./harness.js";

describe("obs-migrate edges", () => {
  it("never overwrites an existing v2 lock: the collision is reported, the rest migrates", async () => {
    const { stateDir } = await tempState("fleet");
    await mkdir(join(stateDir, "locks"));
    const mine = '{"note":"a v2 lock someone already made"}\n';
    await writeFile(join(stateDir, "locks/prompt-ablation.lock.json"), mine);
    const dry = await migrate(stateDir, ["--dry-run"]);
    expect(dry.records[0]!["collisions"]).toEqual([
      {
        file: "locks/prompt-ablation.lock.json",
        reason: 'a v2 lock named "prompt-ablation" already exists',
      },
    ]);
    const r = await migrate(stateDir);
    expect(r.code).toBe(1);
    expect(await readFile(join(stateDir, "locks/prompt-ablation.lock.json"), "utf8")).toBe(mine);
    expect(r.records[0]!["locks"]).toEqual([
      expect.objectContaining({ name: "baseline-2025q2", result: "written" }),
      expect.objectContaining({ name: "prompt-ablation", result: "collision" }),
    ]);
    expect(r.stderr).toMatch(/collision\s+locks\/prompt-ablation\.lock\.json/);
  });

  it("a v2 directory is left alone; v1 files beside v2 state are a reported collision", async () => {
    const { stateDir } = await tempState("fleet");
    await migrate(stateDir);
    const leftover = join(stateDir, "openai_snapshot_latest.json");
    // v1 files put back after the migration are not migrated over the v2 state.
    await writeFile(leftover, '{"models":{}}');
    const before = await treeHashes(stateDir);
    const after = await migrate(stateDir);
    expect(after.code).toBe(1);
    expect(after.records[0]).toMatchObject({ outcome: "already_migrated" });
    expect(after.stderr).toContain("openai_snapshot_latest.json");
    expect(await treeHashes(stateDir)).toEqual(before);
    // A v2 directory obs-migrate did not make (no journal): nothing to do...
    await rm(leftover);
    await rm(join(stateDir, "migrate-v1.journal.json"));
    const v2State = await treeHashes(stateDir);
    const v2 = await migrate(stateDir);
    expect(v2.code).toBe(0);
    expect(v2.records[0]).toMatchObject({ outcome: "already_v2" });
    expect(v2.stderr).toContain("already a v2 state directory: nothing to migrate");
    expect(await treeHashes(stateDir)).toEqual(v2State);
    // ...unless v1 files sit beside it.
    await writeFile(leftover, '{"models":{}}');
    const mixed = await migrate(stateDir);
    expect(mixed.code).toBe(1);
    expect(mixed.records[0]).toMatchObject({ outcome: "already_v2" });
  });

  it("no state (a missing directory, or one without v1 files): exit 2, saying what it expected", async () => {
    const { root, stateDir } = await tempState();
    const missing = await migrate(stateDir);
    expect(missing.code).toBe(2);
    expect(missing.records).toEqual([]);
    const lines = missing.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(
      `obs-migrate: error: no state at ${stateDir} (the directory does not exist); obs-migrate expected a v1 state directory: *_snapshot_latest.json, capability_registry.json, benchmark_hashes.json or experiment_locks/`,
    );
    expect(lines[1]).toMatch(/^hint: point --state-dir .* at the v1 state directory/);
    expect(await readdir(root)).toEqual([]);
    await mkdir(stateDir);
    await writeFile(join(stateDir, "notes.txt"), "hello");
    const empty = await migrate(stateDir);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(
      /^obs-migrate: error: no state at .* \(no v1 files in it\); obs-migrate expected a v1 state directory: \*_snapshot_latest\.json/,
    );
    expect(empty.stderr).toMatch(/\nhint: /);
    expect(await readdir(stateDir)).toEqual(["notes.txt"]);
  });

  it("skips with exit 4 while another instance holds the lock, changing nothing", async () => {
    const { stateDir } = await tempState("fleet");
    const before = await treeHashes(stateDir);
    const held = await acquireInstanceLock(stateDir);
    if (!held.ok) throw new Error("could not take the lock");
    try {
      const r = await migrate(stateDir);
      expect(r.code).toBe(4);
      expect(r.stderr).toContain("another instance holds the lock");
    } finally {
      await held.lock.release();
    }
    expect(await treeHashes(stateDir)).toEqual(before);
  });

  it("migrates what the seed's own Python wrote: its pointer, epoch files and baselines", async () => {
    const { stateDir } = await tempState("seed-hybrid");
    const r = await migrate(stateDir);
    expect(r.code).toBe(0);
    expect(
      PointerSchema.safeParse(await readJson(join(stateDir, "current_epoch.json"))).success,
    ).toBe(true);
    const epoch = (await readCurrentEpoch(stateDir)).epoch!;
    expect(Object.keys(epoch.snapshots).sort()).toEqual(["deepseek", "openai"]);
    // The seed's canonical values are not v2 baselines: every pair waits for a v2 benchmark.
    const store = BenchmarkStoreSchema.parse(epoch.benchmarks);
    expect(Object.values(store.models["openai/gpt-4o"]!).map((e) => e.state.status)).toEqual([
      "NEEDS_REBASELINE",
      "NEEDS_REBASELINE",
    ]);
    expect(r.records[0]!["benchmarks"]).toMatchObject({ ignoredValues: 2 });
    const lock = await readJson(join(stateDir, "locks/seed-run.lock.json"));
    expect(lock).toMatchObject({ behavior: "UNLOCKED_BEHAVIORAL", baselines: {} });
    const live = await readdir(stateDir);
    expect(live.filter((n) => n.startsWith("epoch_manifest_") || n.includes("_snapshot_"))).toEqual(
      [],
    );
    const backup = join(stateDir, r.records[0]!["backup_dir"] as string);
    expect(await readJson(join(backup, "current_epoch.json"))).toMatchObject({
      current_epoch: "20250914T060003Z",
    });
  });

  it("prints NDJSON only when asked or piped; the human summary always goes to stderr", async () => {
    const { stateDir } = await tempState("seed-hybrid");
    const r = await migrate(stateDir, ["--json", "--dry-run"]);
    expect(r.records).toHaveLength(1);
    expect(r.stderr).toContain("obs-migrate: dry run");
    const help = await migrate(stateDir, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout + help.stderr).toContain("Exit codes: 0 migrated cleanly");
    const bad = await migrate(stateDir, ["--no-such-flag"]);
    expect(bad.code).toBe(2);
  });
});
