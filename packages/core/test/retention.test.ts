import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEpoch } from "../src/state/read-epoch.js";
import type { CommitResult } from "../src/state/writer.js";
import { snapshot, tempStateDir, writer } from "./helpers.js";

describe("retention", () => {
  it("keeps the newest N epochs and every locked one, and collects unreferenced objects", async () => {
    const dir = await tempStateDir();
    const w = await writer(dir, { retainEpochs: 3 });
    const commits: CommitResult[] = [];
    const commit = async (i: number) =>
      commits.push(
        await w.commit({
          fingerprintScheme: "semantic-v1",
          providers: { openai: { snapshot: snapshot("openai", [{ id: `m${i}` }]) } },
          events: [],
        }),
      );
    await commit(0);
    await commit(1);
    await mkdir(join(dir, "locks"), { recursive: true });
    await writeFile(
      join(dir, "locks", "paper.lock.json"),
      JSON.stringify({ name: "paper", epoch_id: commits[1]!.epochId }),
    );
    for (let i = 2; i < 8; i++) await commit(i);
    await w.close();

    const kept = (await readdir(join(dir, "epochs"))).map((n) => n.slice(0, -5)).sort();
    expect(kept).toEqual([commits[1]!.epochId, ...commits.slice(5).map((c) => c.epochId)]);
    // The locked epoch still reads completely: its snapshot object survived collection.
    const locked = await loadEpoch(dir, commits[1]!.epochId, commits[1]!.manifestHash);
    expect(locked.ok && locked.epoch.snapshots["openai"]?.models[0]?.id).toBe("m1");
    // What the 4 kept epochs reference: their snapshots and their history heads, nothing else.
    const kept4 = [commits[1]!, ...commits.slice(5)];
    expect((await readdir(join(dir, "objects"))).sort()).toEqual(
      [
        ...new Set(
          kept4.flatMap((c) => [c.manifest.providers["openai"]!.snapshot!, c.manifest.history!]),
        ),
      ]
        .map((h) => `${h}.json`)
        .sort(),
    );
    // The history outlives the pruned epochs: all 8 are in it.
    const head = JSON.parse(
      await readFile(join(dir, "objects", `${commits[7]!.manifest.history}.json`), "utf8"),
    ) as { segments: unknown[]; entries: { e: string }[] };
    expect(head.segments).toEqual([]);
    expect(head.entries.map((e) => e.e)).toEqual(commits.map((c) => c.epochId));
  });

  it("prunes nothing while a lock file cannot be read", async () => {
    const dir = await tempStateDir();
    await mkdir(join(dir, "locks"), { recursive: true });
    await writeFile(join(dir, "locks", "broken.lock.json"), "{");
    const w = await writer(dir, { retainEpochs: 2 });
    let last: CommitResult | undefined;
    for (let i = 0; i < 5; i++) {
      last = await w.commit({
        fingerprintScheme: "semantic-v1",
        providers: { p: { snapshot: snapshot("p", [{ id: `m${i}` }]) } },
        events: [],
      });
    }
    await w.close();
    expect(last?.prune?.skipped).toMatch(/lock/);
    expect(await readdir(join(dir, "epochs"))).toHaveLength(5);
  });
});

describe("retention and rotation from the environment (observatory.config.json sets these)", () => {
  const commitN = async (dir: string, n: number) => {
    const w = await writer(dir);
    for (let i = 0; i < n; i++)
      await w.commit({
        fingerprintScheme: "semantic-v1",
        providers: { p: { snapshot: snapshot("p", [{ id: `m${i}` }]) } },
        events: [],
      });
    await w.close();
  };

  it("OBS_RETAIN_EPOCHS sets how many epochs are kept when the caller does not", async () => {
    const dir = await tempStateDir();
    process.env["OBS_RETAIN_EPOCHS"] = "2";
    try {
      await commitN(dir, 4);
    } finally {
      delete process.env["OBS_RETAIN_EPOCHS"];
    }
    expect(await readdir(join(dir, "epochs"))).toHaveLength(2);
  });

  it("a bad value is a usage error before the directory is touched", async () => {
    const dir = join(await tempStateDir(), "never-made");
    for (const [name, value] of [
      ["OBS_RETAIN_EPOCHS", "0"],
      ["OBS_EVENTS_ROTATE_BYTES", "lots"],
    ]) {
      process.env[name!] = value;
      try {
        await expect(writer(dir)).rejects.toMatchObject({
          exitCode: 2,
          message: expect.stringContaining(`${name} must be a whole number`),
        });
      } finally {
        delete process.env[name!];
      }
    }
    await expect(readdir(dir)).rejects.toMatchObject({ code: "ENOENT" });
  });
});
