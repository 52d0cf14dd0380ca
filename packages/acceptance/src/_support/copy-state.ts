// A copy of a prepared state directory, so each crash starts from the same committed world.
import { cp } from "node:fs/promises";
import { join } from "node:path";
import { tempRoot } from "./cleanup.js";

export async function copyState(stateDir: string): Promise<string> {
  const dest = join(await tempRoot("obs-acceptance-copy-"), "state");
  await cp(stateDir, dest, { recursive: true, preserveTimestamps: true });
  return dest;
}
