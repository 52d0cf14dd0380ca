// The instance lock: one writer per state directory, via proper-lockfile (mkdir-based, so it
// also works on network file systems where flock does not). A lock whose holder was killed is
// recovered once its mtime is older than `staleMs`.

import { join } from "node:path";
import lockfile from "proper-lockfile";
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
  let lost = false;
  try {
    const release = await lockfile.lock(join(stateDir, INSTANCE_LOCK_TARGET), {
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
    if ((e as NodeJS.ErrnoException).code === "ELOCKED") {
      return {
        ok: false,
        reason: "locked",
        message: `another instance holds the lock on ${stateDir}`,
      };
    }
    throw e;
  }
}
