// Temporary directories for tests that change a state: a copy of the shared one, or an empty
// one. Removed after each test.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, inject } from "vitest";

const roots: string[] = [];
afterEach(async () => {
  for (const r of roots.splice(0)) await rm(r, { recursive: true, force: true });
});

export async function tempDir(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "obs-dash-test-"));
  roots.push(root);
  return root;
}

/** The scenario's state, built once by global-setup.ts. Read it; never change it. */
export function sharedState(): string {
  return inject("stateDir");
}

/** A private copy of the scenario's state, to damage or extend. */
export async function copyOfState(): Promise<string> {
  const dir = join(await tempDir(), "state");
  await cp(sharedState(), dir, { recursive: true });
  return dir;
}
