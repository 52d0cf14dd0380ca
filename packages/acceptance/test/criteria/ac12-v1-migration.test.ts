// AC12: "v1 state directories upgrade cleanly to v2. No mass false-positive event flood.
// Benchmark baselines marked as NEEDS_REBASELINE. Migration is idempotent."
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { BenchmarkStoreSchema, LockSchema, readCurrentEpoch } from "@observatory/core";
import {
  copyV1Tree,
  defaultSource,
  entryId,
  FLEET_PROVIDERS,
  loadRecorded,
  v1TreeDir,
} from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { listFiles, treeHashes } from "../../src/_support/files.js";
import { ofType } from "../../src/_support/process.js";
import { world } from "../../src/_support/world.js";

/** The real differences between the v1 snapshots and what the fixture providers list today. */
async function realChanges() {
  const added: string[] = [];
  const removed: string[] = [];
  let listed = 0;
  for (const p of FLEET_PROVIDERS) {
    const v1 = JSON.parse(
      await readFile(join(v1TreeDir("fleet"), `${p}_snapshot_latest.json`), "utf8"),
    ) as { models: Record<string, string> };
    const doc = loadRecorded<Record<string, unknown>>(defaultSource(p));
    const list = (doc["data"] ?? doc["models"]) as Array<Record<string, unknown>>;
    const now = new Set(list.map((e) => entryId(p, e)));
    const before = new Set(Object.keys(v1.models));
    listed += now.size;
    for (const id of now) if (!before.has(id)) added.push(`${p}/${id}`);
    for (const id of before) if (!now.has(id)) removed.push(`${p}/${id}`);
  }
  return { added: added.sort(), removed: removed.sort(), listed };
}

const keys = (records: Array<Record<string, unknown>>) =>
  records.map((e) => `${e["provider"]}/${e["model_id"]}`).sort();

describe("AC12", () => {
  it("AC12: v1 trees migrate once and idempotently; benchmarks NEEDS_REBASELINE; the first poll rebaselines without a flood", {
    timeout: 120_000,
  }, async () => {
    const w = await world({ scenario: { seed: 12 }, providers: [...FLEET_PROVIDERS] });
    await copyV1Tree("fleet", w.stateDir);
    const original = await treeHashes(w.stateDir);

    const dry = await w.run("obs-migrate", ["--dry-run"]);
    expect(dry.records[0]).toMatchObject({ type: "MIGRATION_REPORT", outcome: "dry_run" });
    expect(await treeHashes(w.stateDir)).toEqual(original);

    const first = await w.run("obs-migrate");
    expect(first.code).toBe(1); // v1's torn volink snapshot was quarantined, and said so
    expect(first.records[0]).toMatchObject({ outcome: "migrated" });
    const migrated = await treeHashes(w.stateDir);
    const again = await w.run("obs-migrate");
    expect(again.code).toBe(0);
    expect(await treeHashes(w.stateDir)).toEqual(migrated);

    // Epoch 0: every v1 benchmark hash became a NEEDS_REBASELINE entry with no invented value;
    // v1 locks pin epoch 0 but cannot vouch for behaviour.
    const epoch0 = (await readCurrentEpoch(w.stateDir)).epoch!;
    const store = BenchmarkStoreSchema.parse(epoch0.benchmarks);
    const entries = Object.values(store.models).flatMap((m) => Object.values(m));
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries)
      expect(e.state).toMatchObject({ status: "NEEDS_REBASELINE", baseline: null });
    const locks = (await listFiles(join(w.stateDir, "locks"))).filter((f) =>
      f.endsWith(".lock.json"),
    );
    expect(locks.length).toBe(2);
    for (const f of locks) {
      const lock = LockSchema.parse(
        JSON.parse(await readFile(join(w.stateDir, "locks", f), "utf8")),
      );
      expect([lock.epoch_id, lock.behavior]).toEqual([epoch0.epochId, "UNLOCKED_BEHAVIORAL"]);
    }

    // The first v2 poll: one MIGRATION_REBASELINE for the whole scheme change, no
    // METADATA_CHANGED, and only the additions and removals that really happened since v1.
    const want = await realChanges();
    const poll = await w.run("obs-poll");
    expect(poll.code, poll.stderr).toBe(0);
    const rebaseline = ofType(poll, "MIGRATION_REBASELINE");
    expect(rebaseline).toHaveLength(1);
    expect(rebaseline[0]).toMatchObject({ count: want.listed, from_scheme: "v1-raw" });
    expect(ofType(poll, "METADATA_CHANGED")).toEqual([]);
    expect(keys(ofType(poll, "MODEL_ADDED"))).toEqual(want.added);
    expect(keys(ofType(poll, "MODEL_REMOVED"))).toEqual(want.removed);
    const types = new Set(poll.records.map((r) => r["type"]));
    expect([...types].sort()).toEqual([
      "CANARY_RESULT",
      "EPOCH_COMMITTED",
      "MIGRATION_REBASELINE",
      "MODEL_ADDED",
      "MODEL_REMOVED",
      "RUN",
    ]);
    // And the poll after it is quiet: no change reported, only the canaries the first poll owed
    // (canaries are capped per provider per poll; the rest run in later polls).
    const quiet = await w.run("obs-poll");
    const canaried = new Set(keys(ofType(poll, "CANARY_RESULT")));
    const owed = keys(ofType(quiet, "CANARY_RESULT"));
    expect(owed.length).toBeGreaterThan(0);
    for (const k of owed) {
      expect(want.added).toContain(k);
      expect(canaried.has(k)).toBe(false);
    }
    expect(new Set(quiet.records.map((r) => r["type"]))).toEqual(
      new Set(["CANARY_RESULT", "EPOCH_COMMITTED", "RUN"]),
    );

    // A NEEDS_REBASELINE pair takes its first v2 value as a baseline, never as a drift.
    const bench = await w.run("obs-bench", ["--models", "openai/gpt-4o"]);
    expect(bench.code).toBe(0);
    expect(ofType(bench, "BENCHMARK_RESULT").map((e) => e["verdict"])).toEqual(
      Array(6).fill("BASELINE"),
    );

    // What the seed's own "v2" Python left behind migrates too, just as idempotently.
    const hybrid = join(w.root, "seed-hybrid");
    await copyV1Tree("seed-hybrid", hybrid);
    const h1 = await w.runIn(hybrid, "obs-migrate");
    expect(h1.records[0]).toMatchObject({ outcome: "migrated" });
    const hybridAfter = await treeHashes(hybrid);
    expect((await w.runIn(hybrid, "obs-migrate")).code).toBe(0);
    expect(await treeHashes(hybrid)).toEqual(hybridAfter);
    expect((await readCurrentEpoch(hybrid)).problems).toEqual([]);
  });
});
