// AC3: "Every behavioral baseline in a lock was measured during the lock's epoch (or explicitly
// acknowledged as stale)."
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { BenchmarkStoreSchema, LockSchema, loadEpoch } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { listFiles } from "../../src/_support/files.js";
import { ackedEpoch } from "../../src/_support/process.js";
import { world } from "../../src/_support/world.js";

const MODELS = "openai/gpt-4o,openai/gpt-4o-mini";

async function lockAndStore(stateDir: string, name: string) {
  const lock = LockSchema.parse(
    JSON.parse(await readFile(join(stateDir, "locks", `${name}.lock.json`), "utf8")),
  );
  const epoch = await loadEpoch(stateDir, lock.epoch_id, lock.manifest_hash);
  if (!epoch.ok) throw new Error(`locked epoch ${lock.epoch_id} does not verify`);
  return { lock, store: BenchmarkStoreSchema.parse(epoch.epoch.benchmarks) };
}

describe("AC3", () => {
  it("AC3: a lock's baselines were measured in its epoch, or the lock says they are stale", async () => {
    const w = await world({ scenario: { seed: 3 } });
    expect((await w.run("obs-poll", ["--no-canary"])).code).toBe(0);

    // Never benchmarked: refused.
    const none = await w.run("obs-lock", ["exp", "--models", MODELS]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("run obs-bench first");

    // Benchmarked in an earlier epoch only: refused, unless the user accepts them as stale.
    const bench = await w.run("obs-bench", ["--models", MODELS]);
    const benchEpoch = ackedEpoch(bench)!.epochId;
    expect((await w.run("obs-poll", ["--no-canary"])).code).toBe(0);
    const old = await w.run("obs-lock", ["exp", "--models", MODELS]);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain("run obs-bench first");
    expect(await listFiles(join(w.stateDir, "locks"))).toEqual([]);

    expect((await w.run("obs-lock", ["stale", "--models", MODELS, "--max-age", "1h"])).code).toBe(
      0,
    );
    const stale = await lockAndStore(w.stateDir, "stale");
    expect(stale.lock.benchmark_stale).toBe(true);
    expect(stale.lock.benchmark_epoch).toBe(benchEpoch);
    expect(stale.lock.epoch_id > benchEpoch).toBe(true);
    expect(stale.lock.coverage.pairs).toBe(12);

    // --benchmark-before-lock: measured in a new epoch, and that epoch is the one locked.
    const fresh = await w.run("obs-lock", ["fresh", "--benchmark-before-lock", "--models", MODELS]);
    expect(fresh.code, fresh.stderr).toBe(0);
    const { lock, store } = await lockAndStore(w.stateDir, "fresh");
    expect(lock.benchmark_stale).toBe(false);
    expect(lock.epoch_id > stale.lock.epoch_id).toBe(true);
    const pairs = Object.entries(lock.baselines).flatMap(([model, probes]) =>
      Object.entries(probes).map(([probe, value]) => ({ model, probe, value })),
    );
    expect(pairs).toHaveLength(12);
    for (const { model, probe, value } of pairs) {
      const entry = store.models[model]?.[probe];
      expect(entry?.observed_in, `${model} ${probe}`).toBe(lock.epoch_id);
      expect(entry?.state.baseline).toBe(value);
    }
  });
});
