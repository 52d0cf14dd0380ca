// Changes to the live directory's v1 files: quarantining corrupt ones, dropping the seed's own
// pointer before v2's takes its name, and retiring the migrated v1 files at the end. Each touches
// a file only while its bytes still equal the backup's copy, so a file v1 rewrote after the backup
// is never lost; and each is idempotent, so a resumed run simply repeats it.
import { readFile, rename, rmdir, stat, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fsyncDir, sha256Hex } from "@observatory/core";
import {
  BENCHMARK_FILE,
  type CorruptFile,
  isSeedEpochFile,
  POINTER_FILE,
  REGISTRY_FILE,
  SNAPSHOT_SUFFIX,
  V1_LOCKS_DIR,
} from "../v1/read-tree.js";
import type { BackupManifest } from "./backup.js";

export interface Quarantined {
  file: string;
  reason: string;
  /** Where it went (relative), or null when it was no longer there to move. */
  to: string | null;
}

export interface LeftInPlace {
  file: string;
  reason: string;
}

type LiveState = "same" | "changed" | "absent";

async function liveState(
  stateDir: string,
  rel: string,
  backup: BackupManifest,
): Promise<LiveState> {
  const bytes = await readFile(join(stateDir, rel)).catch(() => null);
  if (bytes === null) return "absent";
  const saved = backup.files.find((f) => f.path === rel);
  return saved && saved.sha256 === sha256Hex(bytes) ? "same" : "changed";
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

const CHANGED = "changed since the backup was taken; left in place";

export async function quarantineCorrupt(
  stateDir: string,
  corrupt: readonly CorruptFile[],
  stamp: string,
  backup: BackupManifest,
): Promise<{ quarantined: Quarantined[]; left: LeftInPlace[] }> {
  const quarantined: Quarantined[] = [];
  const left: LeftInPlace[] = [];
  for (const c of corrupt) {
    const to = `${c.file}.corrupt.${stamp}`;
    const state = await liveState(stateDir, c.file, backup);
    if (state === "same") {
      await rename(join(stateDir, c.file), join(stateDir, to));
      await fsyncDir(dirname(join(stateDir, c.file)));
      quarantined.push({ ...c, to });
    } else if (state === "absent") {
      // Moved by an earlier, interrupted run (or removed by hand): report what we know.
      quarantined.push({ ...c, to: (await exists(join(stateDir, to))) ? to : null });
    } else {
      left.push({ file: c.file, reason: `corrupt in the backup but ${CHANGED}` });
    }
  }
  return { quarantined, left };
}

/** The seed's current_epoch.json is in the backup; v2's pointer takes the name at the commit. */
export async function dropSeedPointer(stateDir: string, backup: BackupManifest): Promise<void> {
  if ((await liveState(stateDir, POINTER_FILE, backup)) !== "same") return;
  await unlink(join(stateDir, POINTER_FILE));
  await fsyncDir(stateDir);
}

/** The v1 files a completed migration removes from the live directory (they stay in the backup). */
export function retirable(path: string): boolean {
  if (path.startsWith(`${V1_LOCKS_DIR}/`)) {
    const name = path.slice(V1_LOCKS_DIR.length + 1);
    return name.endsWith(".lock.json") && !name.includes("/");
  }
  return (
    path.endsWith(SNAPSHOT_SUFFIX) ||
    path === REGISTRY_FILE ||
    path === BENCHMARK_FILE ||
    isSeedEpochFile(path)
  );
}

export async function retireV1(
  stateDir: string,
  backup: BackupManifest,
  quarantined: ReadonlySet<string>,
  onFirst: () => Promise<void>,
): Promise<{ retired: string[]; left: LeftInPlace[] }> {
  const retired: string[] = [];
  const left: LeftInPlace[] = [];
  let removed = 0;
  for (const f of backup.files.filter((x) => retirable(x.path) && !quarantined.has(x.path))) {
    const state = await liveState(stateDir, f.path, backup);
    if (state === "changed") {
      left.push({ file: f.path, reason: CHANGED });
      continue;
    }
    // "absent": an interrupted run already retired it.
    if (state === "same") {
      await unlink(join(stateDir, f.path));
      if (++removed === 1) await onFirst();
    }
    retired.push(f.path);
  }
  await rmdir(join(stateDir, V1_LOCKS_DIR)).catch(() => undefined);
  await fsyncDir(stateDir);
  return { retired, left };
}
