// The instance lock when something other than a live holder sits at <state>/observatory.lock: a
// stale lock directory with files in it is recovered (or, when they cannot be removed, a state
// error naming it), and a file there is a state error at once, never a lock held for 15 s.
import { lstat, mkdir, readdir, symlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ExitCode, ObsError } from "../src/errors.js";
import { acquireInstanceLock, type LockResult } from "../src/state/instance-lock.js";
import { openStateWriter } from "../src/state/writer.js";
import { tempStateDir } from "./helpers.js";

// The stale directory refusing to move out of the way (EBUSY, as a mount point or a busy NFS
// directory can): that cannot be produced on a local disk, least of all as root.
const rmFailure = vi.hoisted(() => ({ error: null as NodeJS.ErrnoException | null }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...fs,
    rename: (...args: Parameters<typeof fs.rename>) =>
      rmFailure.error ? Promise.reject(rmFailure.error) : fs.rename(...args),
  };
});
afterEach(() => {
  rmFailure.error = null;
});

const HOUR_AGO = new Date(Date.now() - 3_600_000);

async function stateDirWithLock(
  make: (lockPath: string) => Promise<void>,
): Promise<{ dir: string; lockPath: string }> {
  const dir = await tempStateDir();
  await mkdir(dir, { recursive: true });
  const lockPath = join(dir, "observatory.lock");
  await make(lockPath);
  return { dir, lockPath };
}

/** A lock directory a dead holder left, with an NFS client's silly-renamed file in it. */
async function staleDirWithFile(lockPath: string): Promise<void> {
  await mkdir(lockPath);
  await writeFile(join(lockPath, ".nfs000000000123abcd00000001"), "");
  await utimes(lockPath, HOUR_AGO, HOUR_AGO);
}

async function release(r: LockResult): Promise<void> {
  if (r.ok) await r.lock.release();
}

describe("a stale lock directory with files in it", () => {
  it("is recovered: the lock is taken, and it is a real lock (held, then released)", async () => {
    const { dir, lockPath } = await stateDirWithLock(staleDirWithFile);
    const got = await acquireInstanceLock(dir);
    expect(got.ok).toBe(true);
    // The NFS client's file went with the stale directory; only the new holder's record is there.
    expect(await readdir(lockPath)).toEqual(["holder.json"]);
    expect(await acquireInstanceLock(dir)).toMatchObject({ ok: false, reason: "locked" });
    await release(got);
    const again = await acquireInstanceLock(dir);
    expect(again.ok).toBe(true);
    await release(again);
  });

  it("is recovered when a tool opens the state directory", async () => {
    const { dir } = await stateDirWithLock(staleDirWithFile);
    const opened = await openStateWriter(dir, { tool: "test", version: "0.0.0" });
    expect(opened.ok).toBe(true);
    if (opened.ok) await opened.writer.close();
  });

  it("is not touched while it is fresh: that is a holder's, and the answer is 'locked'", async () => {
    const { dir, lockPath } = await stateDirWithLock(async (p) => {
      await mkdir(p);
      await writeFile(join(p, "x"), "");
    });
    expect(await acquireInstanceLock(dir)).toMatchObject({ ok: false, reason: "locked" });
    expect(await readdir(lockPath)).toEqual(["x"]);
  });

  it("that cannot be moved away is a state error (5) naming it, with what to do", async () => {
    const { dir, lockPath } = await stateDirWithLock(staleDirWithFile);
    rmFailure.error = Object.assign(new Error(`EBUSY: resource busy or locked, rm '${lockPath}'`), {
      code: "EBUSY",
    });
    const err = await acquireInstanceLock(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ObsError);
    expect(err).toMatchObject({
      exitCode: ExitCode.STATE,
      hint: `remove ${lockPath} if no observatory tool is running`,
    });
    expect((err as ObsError).message).toContain(
      `cannot remove the stale lock directory ${lockPath}`,
    );
    expect((err as ObsError).message).toContain("EBUSY");
  });
});

describe("something other than a directory where the lock belongs", () => {
  const cases: Array<[string, (p: string) => Promise<void>]> = [
    ["a file", (p) => writeFile(p, "")],
    [
      "a stale file",
      async (p) => {
        await writeFile(p, "");
        await utimes(p, HOUR_AGO, HOUR_AGO);
      },
    ],
    [
      "a symlink to a directory",
      async (p) => {
        await mkdir(`${p}-target`);
        await symlink(`${p}-target`, p);
      },
    ],
  ];
  it.each(cases)(
    "%s: a state error (5) at once, naming it, never 'locked'",
    async (_kind, make) => {
      const { dir, lockPath } = await stateDirWithLock(make);
      const started = Date.now();
      const err = await acquireInstanceLock(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ObsError);
      expect(err).toMatchObject({
        exitCode: ExitCode.STATE,
        message: `${lockPath} is not a directory, so no tool can take the state directory's lock`,
        hint: `remove ${lockPath} (observatory tools only create it as a directory)`,
      });
      expect(Date.now() - started).toBeLessThan(2_000);
      // Left where it is: it is not ours to remove.
      await expect(lstat(lockPath)).resolves.toBeDefined();
    },
  );
});
