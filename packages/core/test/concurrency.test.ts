// Several writer processes started together: exactly one commits per round, the others get
// "locked"; a reader running throughout never sees a mixed or unverifiable epoch.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireInstanceLock } from "../src/state/instance-lock.js";
import { readCurrentEpoch } from "../src/state/read-epoch.js";
import { tempStateDir } from "./helpers.js";
import { spawnChild } from "./spawn-child.js";

const WRITERS = 4;
const ROUNDS = 5;

describe("one writer at a time", () => {
  it(`${WRITERS} writers x ${ROUNDS} rounds: one commits, the rest are locked; readers see whole epochs`, {
    timeout: 120_000,
  }, async () => {
    const dir = await tempStateDir();
    await mkdir(dir, { recursive: true });
    let reading = true;
    let reads = 0;
    const seen = new Set<string>();
    const reader = (async () => {
      while (reading) {
        const r = await readCurrentEpoch(dir);
        expect(r.problems).toEqual([]);
        if (r.epoch) {
          reads++;
          seen.add(r.epoch.epochId);
          const markers = new Set<string>([
            ...Object.values(r.epoch.snapshots).map((s) => s?.models[0]?.id ?? "none"),
            (r.epoch.registry as { marker: string }).marker,
            (r.epoch.benchmarks as { marker: string }).marker,
          ]);
          // Every object of one epoch comes from the same commit.
          expect(markers.size).toBe(1);
        }
      }
    })();

    for (let round = 0; round < ROUNDS; round++) {
      const signals = join(dir, "..", `round-${round}`);
      await mkdir(signals, { recursive: true });
      const children = Array.from({ length: WRITERS }, () =>
        spawnChild("contend.mjs", [dir, signals, String(round)]),
      );
      await Promise.all(children.map((c) => c.waitFor(/^ready$/)));
      await writeFile(join(signals, "go"), "");
      const outcomes = await Promise.all(children.map((c) => c.waitFor(/^(locked|committed)$/)));
      await writeFile(join(signals, "release"), "");
      const codes = await Promise.all(children.map((c) => c.exited));
      expect(outcomes.filter((o) => o === "committed")).toHaveLength(1);
      expect(outcomes.filter((o) => o === "locked")).toHaveLength(WRITERS - 1);
      expect(codes.sort()).toEqual([0, ...Array(WRITERS - 1).fill(4)]);
    }
    reading = false;
    await reader;
    expect(reads).toBeGreaterThan(ROUNDS);
    expect(seen.size).toBeGreaterThan(1);
    const final = await readCurrentEpoch(dir);
    expect(final.epoch?.registry).toEqual({ marker: `round-${ROUNDS - 1}-4` });
  });
});

describe("instance lock", () => {
  it("a second writer in the same process gets a typed 'locked' outcome", async () => {
    const dir = await tempStateDir();
    await mkdir(dir, { recursive: true });
    const first = await acquireInstanceLock(dir);
    expect(first.ok).toBe(true);
    const second = await acquireInstanceLock(dir);
    expect(second).toMatchObject({ ok: false, reason: "locked" });
    if (first.ok) await first.lock.release();
    const third = await acquireInstanceLock(dir);
    expect(third.ok).toBe(true);
    if (third.ok) await third.lock.release();
  });

  it("a lock left by a killed process is recovered once it is stale", {
    timeout: 30_000,
  }, async () => {
    const dir = await tempStateDir();
    await mkdir(dir, { recursive: true });
    const holder = spawnChild("hold-lock.mjs", [dir, "2000"]);
    await holder.waitFor(/^held$/);
    expect(await acquireInstanceLock(dir, { staleMs: 2000 })).toMatchObject({
      ok: false,
      reason: "locked",
    });
    holder.proc.kill("SIGKILL");
    await holder.exited;
    const started = Date.now();
    let got = await acquireInstanceLock(dir, { staleMs: 2000 });
    while (!got.ok && Date.now() - started < 10_000) {
      await new Promise((r) => setTimeout(r, 250));
      got = await acquireInstanceLock(dir, { staleMs: 2000 });
    }
    expect(got.ok).toBe(true);
    if (got.ok) await got.lock.release();
  });
});
