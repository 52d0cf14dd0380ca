// Temp directories, servers and children a test made, released after it whatever the outcome.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export function onCleanup(fn: () => Promise<void>): void {
  cleanups.push(fn);
}

/** A fresh temp directory, removed after the test. */
export async function tempRoot(prefix = "obs-acceptance-"): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  onCleanup(() => rm(root, { recursive: true, force: true }));
  return root;
}
