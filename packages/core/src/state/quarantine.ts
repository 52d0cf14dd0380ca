// Moves a file that failed to parse or verify out of the way: <file>.corrupt.<timestamp>. The
// bytes are kept for inspection; nothing reads them again.
import { rename } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fsyncDir } from "./atomic-write.js";

export async function quarantine(
  stateDir: string,
  relFile: string,
  now: Date,
): Promise<string | null> {
  const from = join(stateDir, relFile);
  const stamp = now.toISOString().replace(/[-:]/g, "");
  const to = `${from}.corrupt.${stamp}`;
  try {
    await rename(from, to);
    await fsyncDir(dirname(from));
    return relative(stateDir, to);
  } catch {
    return null;
  }
}
