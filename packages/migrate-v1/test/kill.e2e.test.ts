// SIGKILL mid-migration, then a plain re-run: it finishes, and the result is the migration an
// uninterrupted run makes (one complete backup, epoch 0 committed once, locks, retired files).
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { readCurrentEpoch, readEvents } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { finish, MIGRATE_BIN, migrate, readJson, start, tempState, treeHashes } from "./harness.js";

const STALE = { OBS_LOCK_STALE_MS: "2000" };

/** Starts obs-migrate stalling at `at`, waits until it says so, and kills it with SIGKILL. */
async function killAt(stateDir: string, at: string): Promise<void> {
  const child = start(MIGRATE_BIN, ["--state-dir", stateDir, "--json"], {
    ...STALE,
    OBS_MIGRATE_STALL_AT: at,
  });
  const done = finish(child);
  await new Promise<void>((resolve, reject) => {
    let err = "";
    child.stderr?.on("data", (d) => {
      err += d;
      if (err.includes(`stalled at ${at}`)) resolve();
    });
    child.on("close", () => reject(new Error(`obs-migrate ended before ${at}: ${err}`)));
  });
  child.kill("SIGKILL");
  expect((await done).signal).toBe("SIGKILL");
  // The dead run's instance lock is recovered once it is stale (2 s here).
  await new Promise((r) => setTimeout(r, 2_300));
}

async function summary(stateDir: string) {
  const epoch = (await readCurrentEpoch(stateDir)).epoch!;
  const names = await readdir(stateDir);
  const committed = await readEvents(stateDir, { committedThrough: epoch.epochId });
  const lock = await readJson(join(stateDir, "locks/prompt-ablation.lock.json"));
  return {
    backups: names.filter((n) => n.includes("v1_backup_")).length,
    v1Left: names.filter(
      (n) => n.endsWith("_snapshot_latest.json") || n === "capability_registry.json",
    ),
    parent: epoch.manifest.parent,
    providers: Object.fromEntries(
      Object.entries(epoch.snapshots).map(([p, s]) => [p, s?.models.length ?? null]),
    ),
    corrupt: committed.events.filter((e) => e.type === "STATE_CORRUPT").length,
    legacy: committed.legacy,
    lock: { ...lock, created_at: "-", epoch_id: "-", manifest_hash: "-" },
    locks: (await readdir(join(stateDir, "locks"))).sort(),
  };
}

describe("obs-migrate killed mid-migration", () => {
  it("re-runs to completion from every phase", async () => {
    const reference = await tempState("fleet");
    expect((await migrate(reference.stateDir)).code).toBe(1);
    const want = await summary(reference.stateDir);
    expect(want.backups).toBe(1);
    expect(want.v1Left).toEqual([]);

    const points = ["backup", "prepared", "commit:pointer", "locks", "retire"];
    const results = await Promise.all(
      points.map(async (at) => {
        const { stateDir } = await tempState("fleet");
        await killAt(stateDir, at);
        const rerun = await migrate(stateDir, [], STALE);
        const after = await treeHashes(stateDir);
        const third = await migrate(stateDir);
        return {
          at,
          rerun,
          summary: await summary(stateDir),
          unchanged: JSON.stringify(await treeHashes(stateDir)) === JSON.stringify(after),
          third,
          events: await readEvents(stateDir),
        };
      }),
    );
    for (const r of results) {
      expect(r.rerun.code, `${r.at}: ${r.rerun.stderr}`).toBe(1);
      expect(r.rerun.records[0]).toMatchObject({ outcome: "migrated", resumed: r.at !== "backup" });
      expect(r.summary, r.at).toEqual(want);
      expect(r.third.code).toBe(0);
      expect(r.unchanged, `${r.at}: a third run changed something`).toBe(true);
    }
    // Killed between the events and the pointer: the orphaned epoch is recorded as aborted.
    const torn = results.find((r) => r.at === "commit:pointer")!;
    expect(torn.events.events.filter((e) => e.type === "EPOCH_ABORTED")).toHaveLength(1);
  });

  it("--dry-run on an interrupted migration says it will finish it", async () => {
    const { stateDir } = await tempState("fleet");
    await killAt(stateDir, "prepared");
    const before = await treeHashes(stateDir);
    const r = await migrate(stateDir, ["--dry-run"]);
    expect(r.records[0]).toMatchObject({ outcome: "dry_run", resumed: true });
    expect(r.stderr).toContain('stopped after "backed_up"');
    expect(await treeHashes(stateDir)).toEqual(before);
  });
});
