// Writes the migrated locks to <state>/locks/<name>.lock.json. An existing file with the same
// bytes is an earlier, interrupted run's work; a different one is a v2 lock we never overwrite.
import { readdir, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import { atomicWriteFile, ensureDir, LOCK_SUFFIX, layout } from "@observatory/core";
import { buildLock, type Epoch0Ref, type LockPlan } from "../plan/locks.js";
import type { FileNote, LockReport } from "../report.js";

export async function writeLocks(
  stateDir: string,
  plans: readonly LockPlan[],
  epoch: Epoch0Ref,
  createdAt: string,
  afterFirst: () => Promise<void>,
): Promise<{ locks: LockReport[]; collisions: FileNote[] }> {
  const locks: LockReport[] = [];
  const collisions: FileNote[] = [];
  let written = 0;
  // A run killed mid-write leaves a temp file here (core's recovery cleans only its own dirs).
  for (const n of await readdir(layout.locksDir(stateDir)).catch(() => [] as string[])) {
    if (n.startsWith(".") && n.endsWith(".tmp"))
      await unlink(join(layout.locksDir(stateDir), n)).catch(() => undefined);
  }
  for (const plan of plans) {
    const base = {
      name: plan.name,
      v1_file: plan.file,
      model_ids: plan.modelIds,
      registry: plan.registry,
    };
    if (plan.invalid !== null) {
      locks.push({ ...base, result: "invalid", path: null });
      continue;
    }
    const rel = `${layout.LOCKS_DIR}/${plan.name}${LOCK_SUFFIX}`;
    const bytes = `${JSON.stringify(buildLock(plan, epoch, createdAt), null, 2)}\n`;
    const existing = await readFile(join(stateDir, rel), "utf8").catch(() => null);
    if (existing === bytes) {
      locks.push({ ...base, result: "unchanged", path: rel });
    } else if (existing !== null) {
      locks.push({ ...base, result: "collision", path: rel });
      collisions.push({
        file: rel,
        reason: `a v2 lock named "${plan.name}" already exists; ${plan.file} was not migrated over it`,
      });
    } else {
      await ensureDir(layout.locksDir(stateDir));
      await atomicWriteFile(join(stateDir, rel), bytes);
      locks.push({ ...base, result: "written", path: rel });
      if (++written === 1) await afterFirst();
    }
  }
  return { locks, collisions };
}
