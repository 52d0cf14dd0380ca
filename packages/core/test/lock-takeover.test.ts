// A crash must not skip the next runs: a lock whose holder died on this host is taken over at
// once (its pid is gone, or now belongs to a process that started at another time); a live
// holder, a paused one, or one on another host keeps it until the stale period; `waitMs` queues
// behind a live holder.
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireInstanceLock, type LockResult } from "../src/state/instance-lock.js";
import { type LockHolder, myIdentity } from "../src/state/lock-holder.js";
import { tempStateDir } from "./helpers.js";
import { spawnChild } from "./spawn-child.js";

async function release(r: LockResult): Promise<void> {
  if (r.ok) await r.lock.release();
}

async function heldBy(dir: string): Promise<LockHolder> {
  return JSON.parse(await readFile(join(dir, "observatory.lock", "holder.json"), "utf8"));
}

/** A lock directory whose holder record says what `edit` makes of this process's identity. */
async function lockHeldAs(edit: (me: LockHolder) => LockHolder): Promise<string> {
  const dir = await tempStateDir();
  await mkdir(join(dir, "observatory.lock"), { recursive: true });
  const holder = edit(await myIdentity("obs-poll"));
  await writeFile(join(dir, "observatory.lock", "holder.json"), JSON.stringify(holder));
  return dir;
}

describe("a lock whose holder was killed on this host", () => {
  it("is taken over at once, well inside the stale period", async () => {
    const dir = await tempStateDir();
    await mkdir(dir, { recursive: true });
    const holder = spawnChild("hold-lock.mjs", [dir, "15000"]);
    await holder.waitFor(/^held$/);
    expect(await acquireInstanceLock(dir)).toMatchObject({ ok: false, reason: "locked" });
    holder.proc.kill("SIGKILL");
    await holder.exited;
    const started = Date.now();
    const got = await acquireInstanceLock(dir, { tool: "next-run" });
    expect(got.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await heldBy(dir)).tool).toBe("next-run");
    await release(got);
  });

  it("is taken over when its pid now belongs to a process that started at another time", async () => {
    // Our parent is alive, but it is not the process that took this lock.
    const dir = await lockHeldAs((me) => ({ ...me, pid: process.ppid, started: "1" }));
    const got = await acquireInstanceLock(dir);
    expect(got.ok).toBe(true);
    await release(got);
  });
});

describe("a lock that is not known to be dead stays held until it is stale", () => {
  it("a live holder: 'locked', naming the tool and pid that hold it", async () => {
    const dir = await tempStateDir();
    await mkdir(dir, { recursive: true });
    const holder = spawnChild("hold-lock.mjs", [dir, "15000"]);
    await holder.waitFor(/^held$/);
    const r = await acquireInstanceLock(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(`pid ${holder.proc.pid}`);
    holder.proc.kill("SIGKILL");
    await holder.exited;
  });

  it("a paused (SIGSTOPped) holder is alive: 'locked'", async () => {
    const dir = await tempStateDir();
    await mkdir(dir, { recursive: true });
    const holder = spawnChild("hold-lock.mjs", [dir, "15000"]);
    await holder.waitFor(/^held$/);
    holder.proc.kill("SIGSTOP");
    expect(await acquireInstanceLock(dir)).toMatchObject({ ok: false, reason: "locked" });
    holder.proc.kill("SIGKILL");
    await holder.exited;
  });

  it("a holder on another host: its pid means nothing here, so 'locked'", async () => {
    const dir = await lockHeldAs((me) => ({ ...me, host: `not-${hostname()}|x|y`, pid: 999_999 }));
    expect(await acquireInstanceLock(dir)).toMatchObject({ ok: false, reason: "locked" });
  });
});

describe("waitMs queues behind a live holder", () => {
  it("takes the lock once the holder releases it; without it, 'locked' at once", async () => {
    const dir = await tempStateDir();
    await mkdir(dir, { recursive: true });
    const holder = spawnChild("hold-then-release.mjs", [dir, "1500"]);
    await holder.waitFor(/^held$/);
    expect(await acquireInstanceLock(dir)).toMatchObject({ ok: false, reason: "locked" });
    const got = await acquireInstanceLock(dir, { waitMs: 10_000 });
    expect(got.ok).toBe(true);
    expect(holder.lines).toContain("released");
    await release(got);
  });

  it("gives up with 'locked' when the wait runs out", async () => {
    const dir = await tempStateDir();
    await mkdir(dir, { recursive: true });
    const holder = spawnChild("hold-then-release.mjs", [dir, "5000"]);
    await holder.waitFor(/^held$/);
    const started = Date.now();
    expect(await acquireInstanceLock(dir, { waitMs: 600 })).toMatchObject({ ok: false });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    holder.proc.kill("SIGKILL");
    await holder.exited;
  });
});

describe("the lock directory and its holder record", () => {
  it("never exist apart: whenever the lock directory is there, so is holder.json", {
    timeout: 60_000,
  }, async () => {
    // So a holder killed at any instant (taking or releasing the lock) leaves a lock the next
    // run can judge, never one only the stale period frees.
    const dir = await tempStateDir();
    await mkdir(dir, { recursive: true });
    const lockDir = join(dir, "observatory.lock");
    const cycles = spawnChild("lock-cycle.mjs", [dir, "300"]);
    let seen = 0;
    let finished = false;
    void cycles.exited.then(() => {
      finished = true;
    });
    while (!finished) {
      // A listing can race a release: opened on the directory before it was renamed aside,
      // read after its record was deleted there. Only a directory still at the lock path after
      // the listing, unchanged (same inode, same ctime: a rename or a new directory changes it),
      // counts.
      const before = await stat(lockDir).catch(() => null);
      const names = await readdir(lockDir).catch(() => null);
      const after = await stat(lockDir).catch(() => null);
      if (names === null || before === null || after === null) continue;
      if (before.ino !== after.ino || before.ctimeMs !== after.ctimeMs) continue;
      seen++;
      expect(names).toContain("holder.json");
    }
    expect(cycles.lines.at(-1)).toMatch(/^done [1-9]/);
    expect(seen).toBeGreaterThan(10);
  });
});
