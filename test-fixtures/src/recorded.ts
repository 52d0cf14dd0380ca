// Loads the recorded provider responses under test-fixtures/recorded/. Works from src/ (vitest)
// and from dist/ (the demo) by walking up to the folder that holds recorded/.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/** Absolute path of test-fixtures/recorded. */
export function recordedDir(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "recorded");
    if (existsSync(join(candidate, "README.md"))) {
      root = candidate;
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("test-fixtures: recorded/ folder not found");
    dir = parent;
  }
}

const cache = new Map<string, unknown>();

/**
 * A recorded JSON document, e.g. `loadRecorded("openrouter/models-2026-08-22")`. Returns a fresh
 * deep copy so scenario transformations never alter the cached original.
 */
export function loadRecorded<T = unknown>(name: string): T {
  let doc = cache.get(name);
  if (doc === undefined) {
    doc = JSON.parse(readFileSync(join(recordedDir(), `${name}.json`), "utf8")) as unknown;
    cache.set(name, doc);
  }
  return structuredClone(doc) as T;
}

/** The recorded OpenRouter snapshots, oldest first (real responses; 178, 340 and 421 models). */
export const OPENROUTER_SNAPSHOTS = [
  "openrouter/models-2024-09-21",
  "openrouter/models-2025-11-07",
  "openrouter/models-2026-08-22",
] as const;
