// Polling for something a child process does to the file system (it has no other channel).
import { readdir } from "node:fs/promises";

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves when `check` turns true, polling every `everyMs`; rejects after `timeoutMs`. */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  what: string,
  { timeoutMs = 20_000, everyMs = 5 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Names in `dir` (none when it does not exist). */
export async function names(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => [] as string[]);
}
