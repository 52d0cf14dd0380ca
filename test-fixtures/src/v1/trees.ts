// The v1 state trees in test-fixtures/v1/ (see its README): where they are, and a copy into a
// temp directory for a test to migrate. Works from src/ (vitest) and from dist/.

import { existsSync } from "node:fs";
import { cp } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** fleet: seven providers, 217 models, events, registry, benchmark hashes, two locks, one torn
 * snapshot. seed-hybrid: what the seed's own Python wrote (its pointer, epoch files, baselines). */
export const V1_TREES = ["fleet", "seed-hybrid"] as const;
export type V1TreeName = (typeof V1_TREES)[number];

/** The providers whose snapshots in `fleet` are intact (volink's is the torn one). */
export const FLEET_PROVIDERS = [
  "anthropic",
  "deepseek",
  "google",
  "mistral",
  "openai",
  "openrouter",
  "xai",
] as const;

let root: string | undefined;

/** Absolute path of test-fixtures/v1. */
export function v1Dir(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "v1");
    if (existsSync(join(candidate, "README.md")) && existsSync(join(candidate, "fleet"))) {
      root = candidate;
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("test-fixtures: v1/ folder not found");
    dir = parent;
  }
}

export function v1TreeDir(name: V1TreeName): string {
  return join(v1Dir(), name);
}

/** Copies a v1 tree to `dest` (created), so a test can migrate it without touching the fixture. */
export async function copyV1Tree(name: V1TreeName, dest: string): Promise<void> {
  await cp(v1TreeDir(name), dest, { recursive: true, preserveTimestamps: true });
}
