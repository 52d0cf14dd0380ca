// Experiment locks and what obs-check would say about each one against the epoch shown. The
// check is core's pure checkLock, the one obs-check uses (read-only: nothing is logged or sent),
// so the dashboard and obs-check never disagree. obs-check keeps no record of a clean check (only
// violations are logged, as EXPERIMENT_DRIFT), so the last logged violation is shown beside it.

import {
  checkLock,
  type LoadedEpoch,
  type LockCheck,
  type LockedEpoch,
  type LockFile,
  listLockFiles,
  loadEpoch,
} from "@observatory/core";
import { type ExperimentDrift, lastLockReports } from "./read-events.js";

export interface LockView {
  file: LockFile;
  /** obs-check's verdict against the epoch shown; null for a file that is not a lock. */
  check: LockCheck | null;
  /** The newest EXPERIMENT_DRIFT logged for this lock since it was made. */
  lastReport: ExperimentDrift | null;
}

export interface LocksRead {
  locks: LockView[];
  /** Why the locks could not be listed at all (an unreadable locks/ directory). */
  problem: string | null;
}

export async function readLocks(stateDir: string, epoch: LoadedEpoch): Promise<LocksRead> {
  let files: LockFile[];
  try {
    files = await listLockFiles(stateDir);
  } catch (e) {
    return { locks: [], problem: e instanceof Error ? e.message : String(e) };
  }
  if (files.length === 0) return { locks: [], problem: null };
  const lockedEpochs = files.flatMap((f) => (f.kind === "v2" ? [f.lock.epoch_id] : []));
  const since = lockedEpochs.sort()[0];
  const reports =
    since === undefined ? new Map() : await lastLockReports(stateDir, since, epoch.epochId);
  const cache = new Map<string, LockedEpoch>();
  const locks: LockView[] = [];
  for (const file of files) {
    if (file.kind === "invalid") {
      locks.push({ file, check: null, lastReport: null });
      continue;
    }
    let locked: LockedEpoch | null = null;
    if (file.kind === "v2") {
      const key = `${file.lock.epoch_id}:${file.lock.manifest_hash}`;
      locked = cache.get(key) ?? null;
      if (locked === null) {
        const r = await loadEpoch(stateDir, file.lock.epoch_id, file.lock.manifest_hash);
        locked = r.ok
          ? { ok: true, epoch: r.epoch }
          : { ok: false, reason: r.problems.map((p) => `${p.file}: ${p.reason}`).join("; ") };
        cache.set(key, locked);
      }
    }
    const report = reports.get(file.name) ?? null;
    // A report older than the lock's epoch is about an earlier lock of the same name.
    const current = report !== null && file.kind === "v2" && report.epoch_id! >= file.lock.epoch_id;
    locks.push({
      file,
      check: checkLock(file, locked, epoch),
      lastReport: current ? report : null,
    });
  }
  return { locks, problem: null };
}
