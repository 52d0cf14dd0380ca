// Recognises a v1 state directory (flat *_snapshot_latest.json files and friends, no epoch
// pointer), so v2 tools can refuse it with "run obs-migrate" instead of misreading it.
import { readdir } from "node:fs/promises";
import { EPOCHS_DIR, POINTER_FILE } from "./layout.js";

const V1_FILES = new Set(["capability_registry.json", "benchmark_hashes.json", "experiment_locks"]);

/** The v1 artifacts found, when the directory is v1 (v1 artifacts and no v2 epochs); else []. */
export async function detectV1(stateDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(stateDir);
  } catch {
    return [];
  }
  if (names.includes(POINTER_FILE) || names.includes(EPOCHS_DIR)) return [];
  return names.filter((n) => V1_FILES.has(n) || n.endsWith("_snapshot_latest.json")).sort();
}
