// Recognises a v1 state directory (flat *_snapshot_latest.json files and friends, without a v2
// pointer), and one whose migration has not finished, so v2 tools can refuse it with "run
// obs-migrate" instead of misreading it or starting a fresh world over it.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { POINTER_FILE } from "./layout.js";
import { isWrittenPointer } from "./read-pointer.js";

const V1_FILES = new Set(["capability_registry.json", "benchmark_hashes.json", "experiment_locks"]);
/** Written by obs-migrate; its phase is "complete" once the directory is fully v2. */
export const MIGRATION_JOURNAL = "migrate-v1.journal.json";

/**
 * What keeps a v2 tool off this directory: the v1 artifacts found when there is no valid v2
 * pointer (the v1 seed wrote a pointer of its own, which is not one), or the migration journal
 * when a migration was started and not finished. Empty when the directory is fine for v2.
 */
export async function detectV1(stateDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(stateDir);
  } catch {
    return [];
  }
  if (names.includes(MIGRATION_JOURNAL)) {
    const phase = await readJson(join(stateDir, MIGRATION_JOURNAL)).then(
      (j) => (j as { phase?: unknown } | null)?.phase,
    );
    return phase === "complete" ? [] : [`${MIGRATION_JOURNAL} (migration not finished)`];
  }
  const v1 = names.filter((n) => V1_FILES.has(n) || n.endsWith("_snapshot_latest.json")).sort();
  if (v1.length === 0 || !names.includes(POINTER_FILE)) return v1;
  const pointer = await readJson(join(stateDir, POINTER_FILE));
  if (isWrittenPointer(pointer)) return [];
  const { PointerSchema } = await import("./schemas.js");
  return PointerSchema.safeParse(pointer).success ? [] : v1;
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch {
    return null;
  }
}
