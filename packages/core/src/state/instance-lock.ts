// The instance lock: one writer per state directory, via proper-lockfile (mkdir-based, so it
// also works on network file systems where flock does not; it refreshes the directory's mtime
// while held and reports a takeover through onCompromised). On top of it:
// - a holder record (lock-holder.ts) with a fencing token, which a writer re-reads before every
//   rename and the pointer flip (`verify()`), so a writer paused past the stale period and then
//   resumed finds it lost the lock before it can touch the new holder's state;
// - a lock whose holder died on this host is taken over at once (pid and process start time);
//   the stale period (15 s) still covers holders on other hosts or that cannot be judged;
// - `waitMs` queues behind a live holder instead of giving up at once;
// - what proper-lockfile cannot recover from on its own (a stale lock directory with files in
//   it, a file where the directory belongs) never surfaces as an internal error or as a lock
//   that is held forever.
import fs from "node:fs";
import { lstat, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import lockfile from "proper-lockfile";
import { describeError, ExitCode, ObsError } from "../errors.js";
import { INSTANCE_LOCK_TARGET } from "./layout.js";
import {
  createLockDir,
  holderIsDead,
  holdsOwnToken,
  type LockHolder,
  lockDirAside,
  myIdentity,
  readHolder,
  removeOwnLockDirSync,
} from "./lock-holder.js";
import { testStop } from "./test-stop.js";

export const DEFAULT_LOCK_STALE_MS = 15_000;

export interface InstanceLock {
  release(): Promise<void>;
  /** True once the lock is known lost (taken over after a pause); commits must stop. */
  compromised(): boolean;
  /** Proves the lock is still ours by re-reading the fencing token from disk; throws LOCK_LOST
   * (exit 4) otherwise. Called before every rename and before the pointer flip. */
  verify(): Promise<void>;
  /** This acquisition's fencing token. */
  readonly token: string;
}

export type LockResult =
  | { ok: true; lock: InstanceLock }
  | { ok: false; reason: "locked"; message: string };

export interface AcquireOptions {
  staleMs?: number;
  /** Wait up to this long for a live holder to finish (default 0: give up at once). */
  waitMs?: number;
  /** Recorded in the holder record, shown to a writer that finds the lock held. */
  tool?: string;
}

export async function acquireInstanceLock(
  stateDir: string,
  options: AcquireOptions = {},
): Promise<LockResult> {
  const deadline = Date.now() + Math.max(0, options.waitMs ?? 0);
  let pause = 50;
  for (;;) {
    const r = await acquireOnce(stateDir, options);
    if (r.ok || Date.now() >= deadline) return r;
    await sleep(Math.min(pause, Math.max(1, deadline - Date.now())));
    pause = Math.min(pause * 2, 500);
  }
}

async function acquireOnce(stateDir: string, options: AcquireOptions): Promise<LockResult> {
  const stale = Math.max(2_000, options.staleMs ?? DEFAULT_LOCK_STALE_MS);
  const target = join(stateDir, INSTANCE_LOCK_TARGET);
  const lockDir = `${target}.lock`;
  const tool = options.tool ?? "observatory";
  const locked = (holder: LockHolder | null): LockResult => ({
    ok: false,
    reason: "locked",
    message: `another instance holds the lock on ${stateDir}${describeHolder(holder)}`,
  });
  let attempt = await tryLock(target, lockDir, stale, tool);
  if (attempt.ok) return attempt;
  await refuseNonDirectory(lockDir, attempt.error);
  if (attempt.error.code === "ELOCKED") {
    // Held and fresh. If its holder died on this host, nobody will release it: take it now.
    const holder = await readHolder(lockDir);
    if (holder === null || !(await holderIsDead(holder))) return locked(holder);
    if (!(await removeLockDir(lockDir, holder.token))) return locked(holder);
  } else if (attempt.error.code === "ENOTEMPTY") {
    // Stale, but rmdir refused: there are files in it (our holder record, or an NFS client's
    // .nfs* file for a deleted open file). Stale means nobody refreshed it for `stale` ms.
    const st = await lstat(lockDir).catch(() => null);
    if (st === null || st.mtimeMs >= Date.now() - stale) return locked(null); // taken meanwhile
    const holder = await readHolder(lockDir);
    if (!(await removeLockDir(lockDir, holder?.token ?? null))) return locked(holder);
  } else {
    throw unusable(lockDir, attempt.error);
  }
  attempt = await tryLock(target, lockDir, stale, tool);
  if (attempt.ok) return attempt;
  await refuseNonDirectory(lockDir, attempt.error);
  if (attempt.error.code === "ELOCKED") return locked(await readHolder(lockDir)); // beaten to it
  if (attempt.error.code === "ENOTEMPTY") throw stuckLock(lockDir, attempt.error); // refilled
  throw unusable(lockDir, attempt.error);
}

/** The lock could not be made at all: a full disk, a read-only or missing directory. */
function unusable(lockDir: string, cause: NodeJS.ErrnoException): ObsError {
  return new ObsError(
    "STATE_DIR_UNUSABLE",
    `cannot take the state directory's lock ${lockDir}: ${describeError(cause)}`,
    {
      hint: "check that the state directory is writable and its disk not full",
      exitCode: ExitCode.STATE,
      cause,
    },
  );
}

function describeHolder(h: LockHolder | null): string {
  return h === null ? "" : ` (${h.tool}, pid ${h.pid}, since ${h.acquired_at})`;
}

/**
 * Removes a lock directory that is not a live holder's. It is first renamed out of the way (one
 * atomic step), then checked: if a new holder slipped in between our look and the rename, its
 * directory is put back and the lock counts as held.
 */
async function removeLockDir(lockDir: string, expectToken: string | null): Promise<boolean> {
  const aside = lockDirAside(lockDir);
  try {
    await rename(lockDir, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return true; // someone removed it
    throw stuckLock(lockDir, e);
  }
  const moved = await readHolder(aside);
  if ((moved?.token ?? null) !== expectToken) {
    await rename(aside, lockDir).catch(() => undefined);
    return false;
  }
  try {
    await rm(aside, { recursive: true, force: true });
  } catch (e) {
    throw stuckLock(lockDir, e);
  }
  return true;
}

type Attempt = { ok: true; lock: InstanceLock } | { ok: false; error: NodeJS.ErrnoException };

async function tryLock(
  target: string,
  lockDir: string,
  stale: number,
  tool: string,
): Promise<Attempt> {
  let lost = false;
  let released = false;
  let release: () => Promise<void>;
  const me = await myIdentity(tool);
  const made = { dir: false };
  try {
    release = await lockfile.lock(target, {
      lockfilePath: lockDir,
      realpath: false,
      stale,
      update: Math.floor(stale / 2),
      retries: 0,
      fs: lockFs(me, made),
      onCompromised: () => {
        lost = true;
      },
    });
  } catch (e) {
    // Our lock directory was made, then taken from us before proper-lockfile finished with it
    // (paused past the stale period in between): a takeover, not an unusable state directory.
    if (made.dir) throw lockLost(lockDir);
    return { ok: false, error: e as NodeJS.ErrnoException };
  }
  const lost_ = () => {
    lost = true;
    return lockLost(lockDir);
  };
  return {
    ok: true,
    lock: {
      token: me.token,
      compromised: () => lost,
      verify: async () => {
        if (lost) throw lost_();
        const h = await readHolder(lockDir);
        if (h?.token !== me.token) throw lost_();
      },
      release: async () => {
        if (released) return;
        released = true;
        // A lock taken over while we were paused is the new holder's: touch nothing of it.
        // (proper-lockfile's refresh timer then finds the mtime not ours and stops itself.)
        if (lost || (await readHolder(lockDir))?.token !== me.token) return;
        await release().catch(() => undefined);
      },
    },
  };
}

/**
 * The file system proper-lockfile works through, with our lock directory: created with the
 * holder record inside (one rename), and removed with it when it is ours, including by
 * proper-lockfile's own clean-up when the process exits without releasing.
 */
function lockFs(me: LockHolder, made: { dir: boolean }): typeof fs {
  return {
    ...fs,
    mkdir: ((path: string, cb: (e: NodeJS.ErrnoException | null) => void) => {
      createLockDir(path, me)
        .then(async () => {
          made.dir = true;
          await testStop("acquiring");
        })
        .then(
          () => cb(null),
          (e: NodeJS.ErrnoException) => cb(e),
        );
    }) as unknown as typeof fs.mkdir,
    // proper-lockfile sets the lock directory's mtime by path: to probe its precision right
    // after mkdir and to refresh it while held. A writer paused past the stale period would set
    // the mtime of the lock that replaced its own, and its new holder would then read that as a
    // takeover. So the mtime is set only while the holder record is ours; otherwise the lock is
    // gone (ENOENT), which proper-lockfile reports as compromised.
    utimes: ((
      path: string,
      atime: Date,
      mtime: Date,
      cb: (e: NodeJS.ErrnoException | null) => void,
    ) => {
      if (!holdsOwnToken(path, me.token)) {
        cb(
          Object.assign(new Error(`ENOENT: ${path} is no longer this run's lock`), {
            code: "ENOENT",
          }),
        );
        return;
      }
      fs.utimes(path, atime, mtime, cb);
    }) as unknown as typeof fs.utimes,
    rmdir: ((path: string, cb: (e: NodeJS.ErrnoException | null) => void) => {
      try {
        if (removeOwnLockDirSync(path, me.token)) return cb(null);
      } catch (e) {
        return cb(e as NodeJS.ErrnoException);
      }
      fs.rmdir(path, cb); // another holder's (stale removal): fails unless it is empty
    }) as unknown as typeof fs.rmdir,
    rmdirSync: ((path: string) => {
      if (!removeOwnLockDirSync(path, me.token)) fs.rmdirSync(path);
    }) as typeof fs.rmdirSync,
  };
}

export function lockLost(lockDir: string): ObsError {
  return new ObsError(
    "LOCK_LOST",
    "another writer took over the state directory's lock while this run was paused (longer than the lock's stale period); nothing more of this run is written",
    {
      hint: `the other writer's epoch stands; run again to measure on top of it (${lockDir})`,
      exitCode: ExitCode.LOCKED,
    },
  );
}

/** proper-lockfile reads anything at the lock path as a lock, and a file as one that is held
 * until it is stale, then fails to rmdir it. Only a directory can be a lock. */
async function refuseNonDirectory(lockDir: string, cause: unknown): Promise<void> {
  const st = await lstat(lockDir).catch(() => null);
  if (st === null || st.isDirectory()) return;
  throw new ObsError(
    "INSTANCE_LOCK_NOT_A_DIRECTORY",
    `${lockDir} is not a directory, so no tool can take the state directory's lock`,
    {
      hint: `remove ${lockDir} (observatory tools only create it as a directory)`,
      exitCode: ExitCode.STATE,
      cause,
    },
  );
}

function stuckLock(lockDir: string, cause: unknown): ObsError {
  return new ObsError(
    "INSTANCE_LOCK_STUCK",
    `cannot remove the stale lock directory ${lockDir}: ${describeError(cause)}`,
    {
      hint: `remove ${lockDir} if no observatory tool is running`,
      exitCode: ExitCode.STATE,
      cause,
    },
  );
}
