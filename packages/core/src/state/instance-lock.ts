// The instance lock: one writer per state directory, via proper-lockfile (mkdir-based, so it
// also works on network file systems where flock does not). A lock whose holder was killed is
// recovered once its mtime is older than `staleMs`. What proper-lockfile cannot recover from on
// its own (a stale lock directory with files in it, a file where the directory belongs) is
// handled here, so it never surfaces as an internal error or as a lock that is held forever.

import { lstat, rm } from "node:fs/promises";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { describeError, ExitCode, ObsError } from "../errors.js";
import { INSTANCE_LOCK_TARGET } from "./layout.js";

export const DEFAULT_LOCK_STALE_MS = 15_000;

export interface InstanceLock {
  release(): Promise<void>;
  /** True once the lock was lost (its directory removed or taken over); commits must stop. */
  compromised(): boolean;
}

export type LockResult =
  | { ok: true; lock: InstanceLock }
  | { ok: false; reason: "locked"; message: string };

export async function acquireInstanceLock(
  stateDir: string,
  options: { staleMs?: number } = {},
): Promise<LockResult> {
  const stale = Math.max(2_000, options.staleMs ?? DEFAULT_LOCK_STALE_MS);
  const target = join(stateDir, INSTANCE_LOCK_TARGET);
  const lockDir = `${target}.lock`;
  const locked: LockResult = {
    ok: false,
    reason: "locked",
    message: `another instance holds the lock on ${stateDir}`,
  };
  let attempt = await tryLock(target, lockDir, stale);
  if (attempt.ok) return attempt;
  await refuseNonDirectory(lockDir, attempt.error);
  if (attempt.error.code === "ELOCKED") return locked;
  if (attempt.error.code !== "ENOTEMPTY") throw attempt.error;

  // Stale, but rmdir refused: something put files in it (an NFS client leaves .nfs* files in a
  // directory whose open files were deleted). proper-lockfile never writes inside its lock
  // directory, so nothing in there is a holder's: remove it whole and try once more.
  const st = await lstat(lockDir).catch(() => null);
  if (st === null || st.mtimeMs >= Date.now() - stale) return locked; // taken meanwhile
  try {
    await rm(lockDir, { recursive: true, force: true });
  } catch (e) {
    throw stuckLock(lockDir, e);
  }
  attempt = await tryLock(target, lockDir, stale);
  if (attempt.ok) return attempt;
  await refuseNonDirectory(lockDir, attempt.error);
  if (attempt.error.code === "ELOCKED") return locked; // another instance recovered it first
  if (attempt.error.code === "ENOTEMPTY") throw stuckLock(lockDir, attempt.error); // refilled
  throw attempt.error;
}

type Attempt = { ok: true; lock: InstanceLock } | { ok: false; error: NodeJS.ErrnoException };

async function tryLock(target: string, lockDir: string, stale: number): Promise<Attempt> {
  let lost = false;
  try {
    const release = await lockfile.lock(target, {
      lockfilePath: lockDir,
      realpath: false,
      stale,
      update: Math.floor(stale / 2),
      retries: 0,
      onCompromised: () => {
        lost = true;
      },
    });
    return {
      ok: true,
      lock: {
        release: async () => {
          if (lost) return;
          await release().catch(() => undefined);
        },
        compromised: () => lost,
      },
    };
  } catch (e) {
    return { ok: false, error: e as NodeJS.ErrnoException };
  }
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
