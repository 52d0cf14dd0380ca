// AC2: "Every lock references a specific epoch. No lock can be created against 'whatever
// snapshot_latest.json happens to exist.'"
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { LockSchema, loadEpoch, readCurrentEpoch } from "@observatory/core";
import { copyV1Tree } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { listFiles, treeHashes } from "../../src/_support/files.js";
import { ofType, run } from "../../src/_support/process.js";
import { world } from "../../src/_support/world.js";

const M = "openai/gpt-4o";

describe("AC2", () => {
  it("AC2: every lock names one committed epoch by id and manifest hash; without one, no lock is made", async () => {
    const w = await world({
      scenario: {
        seed: 2,
        catalogs: {
          openai: { remove: [{ fromPoll: 2, ids: ["gpt-4.1-mini"] }] },
        },
      },
    });

    // No committed epoch: refused, nothing written.
    await mkdir(w.stateDir, { recursive: true });
    const empty = await w.run("obs-lock", ["exp", "--models", M]);
    // No state is a usage error in every bin (exit 2): point --state-dir at state, or poll first.
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no state at .* \(no epoch committed yet\)/);
    expect(await listFiles(w.stateDir)).toEqual([]);

    // A v1 directory (snapshot_latest files, no epochs): refused, pointed at obs-migrate.
    const v1 = join(w.root, "v1");
    await copyV1Tree("fleet", v1);
    const v1Before = await treeHashes(v1);
    const onV1 = await run("obs-lock", ["exp", "--state-dir", v1], { env: w.env });
    expect(onV1.code).toBe(2);
    expect(onV1.stderr).toContain("obs-migrate");
    expect(await treeHashes(v1)).toEqual(v1Before);

    // A lock names the current committed epoch; its manifest hash verifies with every object.
    expect((await w.run("obs-poll", ["--no-canary", "--benchmark", "--models", M])).code).toBe(0);
    const locked = await w.run("obs-lock", ["exp", "--models", M]);
    expect(locked.code, locked.stderr).toBe(0);
    const lock = LockSchema.parse(
      JSON.parse(await readFile(join(w.stateDir, "locks", "exp.lock.json"), "utf8")),
    );
    const current = (await readCurrentEpoch(w.stateDir)).epoch!;
    expect({ id: lock.epoch_id, hash: lock.manifest_hash }).toEqual({
      id: current.epochId,
      hash: current.manifestHash,
    });
    expect((await loadEpoch(w.stateDir, lock.epoch_id, lock.manifest_hash)).ok).toBe(true);

    // The world moves on; the lock keeps naming its epoch, and checks compare against it.
    w.server.scenario.advance();
    const polled = await w.run("obs-poll", ["--no-canary"]);
    expect(ofType(polled, "MODEL_REMOVED")).toHaveLength(1);
    const after = (await readCurrentEpoch(w.stateDir)).epoch!;
    expect(after.epochId > lock.epoch_id).toBe(true);
    const check = await w.run("obs-check", ["exp"]);
    expect(ofType(check, "LOCK_CHECK")[0]).toMatchObject({
      locked_epoch_id: lock.epoch_id,
      checked_epoch_id: after.epochId,
    });
    expect((await loadEpoch(w.stateDir, lock.epoch_id, lock.manifest_hash)).ok).toBe(true);
  });
});
