// What a report reads: the current epoch's history without its snapshots, and the whole epoch
// only when a lock is to be checked against it; an epoch whose objects do not verify has its
// locks checked against the last good one, and the report says so.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Lock, readCurrentEpoch, writeLockFile } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { collect } from "../src/collect.js";
import { buildState, WEEK } from "./state.js";
import { tempDir } from "./temp.js";

const NOW = new Date("2026-11-10T00:00:00Z");

async function lockTo(state: string, epochId: string, manifestHash: string): Promise<void> {
  const lock: Lock = {
    schema: "observatory.lock/2",
    name: "exp",
    created_at: "2026-11-02T00:00:00Z",
    notes: "",
    epoch_id: epochId,
    manifest_hash: manifestHash,
    scope: { providers: null, models: null },
    registry_hash: "0".repeat(64),
    model_ids_hash: "0".repeat(64),
    models: [],
    behavior: "LOCKED",
    baselines: {},
    benchmark_epoch: null,
    coverage: { models: 0, probes: 0, pairs: 0 },
    benchmark_stale: false,
  };
  await writeLockFile(state, lock);
}

describe("collect", () => {
  it("checks a lock against the current epoch, or the last good one when its objects do not verify", async () => {
    const state = join(await tempDir(), "state");
    const ids = await buildState(state, WEEK);
    const current = (await readCurrentEpoch(state)).epoch!;
    await lockTo(state, current.epochId, current.manifestHash);
    const ok = await collect(state, NOW);
    expect(ok.notes).toEqual([]);
    expect(ok.input.locks[0]!.provenance).toContain(`Checked against epoch ${ids.at(-1)}:`);

    // One of the current epoch's snapshots (older epochs that share it fail with it).
    const snapshots = Object.values(current.manifest.providers).map((p) => p.snapshot);
    const hash = snapshots.find((h) => h !== null)!;
    await writeFile(join(state, "objects", `${hash}.json`), "garbage");
    const r = await collect(state, NOW);
    // The history and the providers are still the current epoch's.
    expect(r.input.epochId).toBe(ids.at(-1));
    expect(r.input.entries.map((e) => e.e)).toEqual(ids);
    const good = r.input.locks[0]!.provenance.match(/Checked against epoch (\S+):/)?.[1];
    expect(ids.slice(0, -1)).toContain(good);
    expect(r.notes).toEqual([
      expect.stringMatching(
        new RegExp(
          `^epoch ${ids.at(-1)} did not verify \\(objects/${hash}\\.json: hash mismatch\\); locks are checked against the last good one, ${good}$`,
        ),
      ),
    ]);
  });
});
