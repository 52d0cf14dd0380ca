// The instance lock a killed writer leaves behind. A holder that died on this host is taken over
// at once; a lock without a holder record only once its mtime is older than the stale period,
// and ageing it stands in for waiting that period out (AC9's test waits it out for real once).
import { stat, utimes } from "node:fs/promises";
import { join } from "node:path";

export const INSTANCE_LOCK = "observatory.lock";

export async function instanceLockHeld(stateDir: string): Promise<boolean> {
  return stat(join(stateDir, INSTANCE_LOCK)).then(
    () => true,
    () => false,
  );
}

/** Makes a dead holder's lock stale now. A no-op when there is no lock. */
export async function ageInstanceLock(stateDir: string): Promise<void> {
  const past = new Date(Date.now() - 10 * 60_000);
  await utimes(join(stateDir, INSTANCE_LOCK), past, past).catch(() => undefined);
}
