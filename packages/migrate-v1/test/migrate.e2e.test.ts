// obs-migrate end to end on the fleet tree: dry run, the migration itself, and a second run.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  BenchmarkStoreSchema,
  LEGACY_FINGERPRINT_SCHEME,
  LockSchema,
  RegistrySchema,
  readCurrentEpoch,
  readEvents,
  readHistory,
} from "@observatory/core";
import { v1TreeDir } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { migrate, readJson, tempState, treeHashes } from "./harness.js";

const FLEET = v1TreeDir("fleet");

describe("obs-migrate on a v1 fleet", () => {
  it("--dry-run prints the plan and changes nothing", async () => {
    const { stateDir } = await tempState("fleet");
    const before = await treeHashes(stateDir);
    const r = await migrate(stateDir, ["--dry-run"]);
    expect(r.code).toBe(1); // the torn volink snapshot would be quarantined
    expect(await treeHashes(stateDir)).toEqual(before);
    const [report] = r.records;
    expect(report).toMatchObject({ type: "MIGRATION_REPORT", outcome: "dry_run", epoch: null });
    expect((report!["providers"] as unknown[]).length).toBe(7);
    expect(report!["quarantined"]).toEqual([
      { file: "volink_snapshot_latest.json", reason: "not valid JSON", to: null },
    ]);
    expect(r.stderr).toContain("dry run: nothing was changed");
    expect(r.stderr).toContain("prompt-ablation");
  });

  it("backs up, builds epoch 0, carries state, keeps events.jsonl, quarantines, and reports", async () => {
    const { stateDir } = await tempState("fleet");
    const original = await treeHashes(stateDir);
    const r = await migrate(stateDir);
    expect(r.code).toBe(1);
    const report = r.records[0]!;
    expect(report["outcome"]).toBe("migrated");

    // The backup is the whole v1 directory, byte for byte.
    const backup = join(stateDir, report["backup_dir"] as string);
    const saved = await treeHashes(backup);
    delete saved["obs-migrate-backup.json"];
    expect(saved).toEqual(original);

    // Epoch 0: the v1 snapshots under the legacy scheme, ids and v1 fingerprints preserved.
    const read = await readCurrentEpoch(stateDir);
    const epoch = read.epoch!;
    expect(epoch.manifest.parent).toBeNull();
    expect(epoch.manifest.fingerprint_scheme).toBe(LEGACY_FINGERPRINT_SCHEME);
    expect(epoch.manifest.providers["volink"]).toMatchObject({ status: "error" });
    let models = 0;
    for (const p of ["anthropic", "deepseek", "google", "mistral", "openai", "openrouter", "xai"]) {
      const v1 = await readJson<{ models: Record<string, string> }>(
        join(FLEET, `${p}_snapshot_latest.json`),
      );
      const snap = epoch.snapshots[p]!;
      expect(snap.fingerprint_scheme).toBe(LEGACY_FINGERPRINT_SCHEME);
      expect(snap.legacy_fingerprints).toEqual(v1.models);
      expect(snap.models.map((m) => m.id).sort()).toEqual(Object.keys(v1.models).sort());
      models += snap.models.length;
    }
    expect(models).toBe(217);

    // The registry carries v1's canary history; v1 cost classes are not trusted.
    const v1reg = await readJson<Record<string, { canary_history?: unknown[] }>>(
      join(FLEET, "capability_registry.json"),
    );
    const registry = RegistrySchema.parse(epoch.registry);
    expect(registry.models["openai/gpt-4o"]!.history).toHaveLength(
      v1reg["openai/gpt-4o"]!.canary_history!.length,
    );
    const calls = Object.values(registry.models).reduce((n, e) => n + e.history.length, 0);
    const v1calls = Object.values(v1reg).reduce((n, e) => n + (e.canary_history?.length ?? 0), 0);
    expect(calls).toBe(v1calls);
    expect(registry.models["openai/gpt-4-0314"]).toMatchObject({ present: false });
    expect(Object.values(registry.models).every((e) => e.cost_class === null)).toBe(true);

    // Benchmarks: every v1 pair NEEDS_REBASELINE, no value fabricated from a hash.
    const store = BenchmarkStoreSchema.parse(epoch.benchmarks);
    const entries = Object.values(store.models).flatMap((m) => Object.values(m));
    expect(entries).toHaveLength(36);
    for (const e of entries)
      expect(e.state).toMatchObject({ status: "NEEDS_REBASELINE", baseline: null });

    // events.jsonl: the v1 lines untouched, then one STATE_CORRUPT for the torn snapshot.
    const v1log = await readFile(join(FLEET, "events.jsonl"));
    const log = await readFile(join(stateDir, "events.jsonl"));
    expect(log.subarray(0, v1log.length).equals(v1log)).toBe(true);
    const events = await readEvents(stateDir, { committedThrough: epoch.epochId });
    expect(events.legacy).toBe(564);
    expect(events.events.map((e) => e.type)).toEqual(["STATE_CORRUPT"]);
    expect(events.events[0]).toMatchObject({
      file: "volink_snapshot_latest.json",
      severity: "WARN",
    });
    const quarantined =
      events.events[0]!.type === "STATE_CORRUPT" ? events.events[0]!.quarantined_to : null;
    expect(await readFile(join(stateDir, quarantined!), "utf8")).toBe(
      await readFile(join(FLEET, "volink_snapshot_latest.json"), "utf8"),
    );

    // The model history begins with what the v1 log knew: when models were listed and delisted
    // (one entry per v1 poll), then epoch 0's baseline of every model with its fields.
    const history = await readHistory(stateDir, epoch.manifest);
    expect(history.problems).toEqual([]);
    const seed = history.entries.slice(0, -1);
    expect(history.entries.at(-1)).toMatchObject({ e: epoch.epochId, b: true });
    const v1Lines = v1log
      .toString("utf8")
      .split("\n")
      .filter((l) => /"event_type":"MODEL_(ADDED|REMOVED)"/.test(l))
      .map((l) => JSON.parse(l) as { event_type: string; provider: string; model_id: string });
    const seeded = seed.flatMap((e) => e.c ?? []);
    expect(seeded).toHaveLength(
      new Set(v1Lines.map((l) => `${l.provider}/${l.model_id}@${l.event_type}`)).size,
    );
    const removed = v1Lines.find((l) => l.event_type === "MODEL_REMOVED")!;
    expect(seeded).toContainEqual([
      `${removed.provider}/${removed.model_id}`,
      "listed",
      true,
      false,
    ]);
    for (const e of seed) expect(e.e < epoch.epochId).toBe(true);
    expect(seed[0]!.e.startsWith("20250601T060002")).toBe(true);

    // The v1 files are retired from the live directory; their copies are in the backup.
    const live = Object.keys(await treeHashes(stateDir)).filter(
      (f) => !f.includes("/") || f.startsWith("locks/"),
    );
    expect(live.filter((f) => f.endsWith("_snapshot_latest.json"))).toEqual([]);
    expect(live).not.toContain("capability_registry.json");
    expect(live).not.toContain("benchmark_hashes.json");
  });

  it("turns the two v1 locks into UNLOCKED_BEHAVIORAL v2 locks on epoch 0", async () => {
    const { stateDir } = await tempState("fleet");
    await migrate(stateDir);
    const epoch = (await readCurrentEpoch(stateDir)).epoch!;
    const raw = await readJson(join(stateDir, "locks/prompt-ablation.lock.json"));
    const ablation = LockSchema.parse(raw);
    expect(ablation).toMatchObject({
      epoch_id: epoch.epochId,
      manifest_hash: epoch.manifestHash,
      behavior: "UNLOCKED_BEHAVIORAL",
      baselines: {},
      migrated_from: {
        v1_file: "experiment_locks/prompt-ablation.lock.json",
        v1_created_at: "2025-09-14T07:12:44.518203+00:00",
      },
    });
    expect(ablation.models).toHaveLength(217);
    expect(raw["migrated_from"]).toMatchObject({
      structural: { model_ids: "verified", registry: "verified" },
    });

    const v1june = await readJson(join(FLEET, "experiment_locks/baseline-2025q2.lock.json"));
    const june = LockSchema.parse(
      await readJson(join(stateDir, "locks/baseline-2025q2.lock.json")),
    );
    // Unverifiable: the v1 hashes stay as they were, so they match no v2 world.
    expect(june.registry_hash).toBe(v1june["provider_registry_hash"]);
    expect(june.model_ids_hash).toBe(v1june["model_ids_hash"]);
    expect(june.models).toEqual([]);
    expect(june.behavior).toBe("UNLOCKED_BEHAVIORAL");
    // The originals stay in the backup.
    const report = (await migrate(stateDir)).records[0]!;
    const backup = join(stateDir, report["backup_dir"] as string);
    expect(await readJson(join(backup, "experiment_locks/baseline-2025q2.lock.json"))).toEqual(
      v1june,
    );
  });

  it("a second run changes nothing and emits nothing", async () => {
    const { stateDir } = await tempState("fleet");
    expect((await migrate(stateDir)).code).toBe(1);
    const after = await treeHashes(stateDir);
    const again = await migrate(stateDir);
    expect(again.code).toBe(0);
    expect(again.records[0]).toMatchObject({ outcome: "already_migrated", events_appended: 0 });
    expect(again.stderr).toContain("nothing to do");
    expect(await treeHashes(stateDir)).toEqual(after);
  });
});
