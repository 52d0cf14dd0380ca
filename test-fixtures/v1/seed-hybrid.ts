// A tree written by the seed's own Python (its "v2" attempt): besides the v1 files it has its own
// current_epoch.json, epoch manifests and epoch-stamped snapshots, canonical `_v2_baselines` in
// benchmark_hashes.json, and a lock with canonical baselines. None of that is v2 state.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PyFloat } from "./pyjson.js";
import { eventLine, lockHashes, rawHash, sha, snapshotFile } from "./v1-model.js";
import { finalWorld, v1Id } from "./worlds.js";

type Dumps = Record<"stableJson" | "indented" | "indentedSorted", (v: unknown) => string>;

export function writeSeedHybrid(root: string, d: Dumps): void {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, "experiment_locks"), { recursive: true });
  const world = finalWorld().filter((l) => l.provider === "openai" || l.provider === "deepseek");
  const epoch = "20250914T060003Z";
  const ts = "2025-09-14T06:00:03.412907+00:00";
  const providers: Record<string, unknown> = {};
  const files: Array<{ name: string; json: Record<string, unknown> }> = [];
  for (const l of world) {
    const text = snapshotFile(l, ts);
    writeFileSync(join(root, `${l.provider}_snapshot_${epoch}.json`), text);
    writeFileSync(join(root, `${l.provider}_snapshot_latest.json`), text);
    files.push({ name: `${l.provider}_snapshot_latest.json`, json: JSON.parse(text) });
    providers[l.provider] = {
      snapshot_file: `${l.provider}_snapshot_${epoch}.json`,
      hash: rawHash(l),
    };
  }
  const manifestHash = sha(
    world
      .map((l) => `${l.provider}:${rawHash(l)}`)
      .sort()
      .join("|"),
  );
  writeFileSync(
    join(root, `epoch_manifest_${epoch}.json`),
    d.indentedSorted({ epoch, timestamp: ts, providers, manifest_hash: manifestHash }),
  );
  writeFileSync(
    join(root, "current_epoch.json"),
    d.indented({ current_epoch: epoch, updated_at: ts }),
  );

  const lines = world.flatMap((l) =>
    l.entries.slice(0, 3).map((e) =>
      eventLine({
        timestamp: ts,
        provider: l.provider,
        model_id: v1Id(l.provider, e),
        event_type: "CANARY_RESULT",
        callable: true,
        canary_latency_ms: 512,
        notes: "chat_ok",
        raw_snapshot_hash: rawHash(l),
      }),
    ),
  );
  writeFileSync(join(root, "events.jsonl"), lines.map((x) => `${x}\n`).join(""));

  const registry: Record<string, unknown> = {};
  for (const l of world) {
    for (const e of l.entries.slice(0, 3)) {
      const id = v1Id(l.provider, e);
      registry[`${l.provider}/${id}`] = {
        model_id: id,
        provider: l.provider,
        latency_p50_ms: 512,
        latency_p95_ms: 512,
        reliability: new PyFloat(1),
        last_updated: ts,
        canary_history: [{ ok: true, latency_ms: 512 }],
      };
    }
  }
  writeFileSync(join(root, "capability_registry.json"), d.indented(registry));

  // The seed's BenchmarkStore.save(): legacy hashes plus `_v2_baselines` from its canonicalizers.
  const prompts = ["Return exactly: OK", "2+2=?"];
  const values = ["OK", "4"];
  const baselines: Record<string, unknown> = {};
  for (const [i] of prompts.entries()) {
    baselines[String(i)] = {
      canonical_baseline: values[i],
      observation_window: [values[i], values[i]],
      variant_hashes: [sha(`${values[i]}\n`)],
      candidate_drift_value: null,
      candidate_drift_streak: 0,
    };
  }
  writeFileSync(
    join(root, "benchmark_hashes.json"),
    d.indentedSorted({
      "openai/gpt-4o": Object.fromEntries(
        prompts.map((p, i) => [sha(p).slice(0, 16), sha(values[i]!)]),
      ),
      _v2_baselines: { "openai/gpt-4o": baselines },
    }),
  );

  const h = lockHashes(files);
  writeFileSync(
    join(root, "experiment_locks", "seed-run.lock.json"),
    d.indented({
      experiment_id: "seed-run",
      created_at: "2025-09-14T06:30:00.000001+00:00",
      provider_registry_hash: h.registry,
      model_ids_hash: h.modelIds,
      epoch_id: epoch,
      manifest_hash: "",
      benchmark_canonical_baselines: { "openai/gpt-4o": { "0": "OK", "1": "4" } },
      benchmark_variant_distributions: null,
      benchmark_epoch: epoch,
      benchmark_coverage: 2,
      benchmark_staleness_warning: false,
      notes: null,
    }),
  );
}
