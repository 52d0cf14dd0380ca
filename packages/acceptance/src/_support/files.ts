// Walking a directory tree: every file with its bytes, for scans and "nothing changed" checks.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** Every regular file under `dir`, as paths relative to it, sorted. Missing dir: none. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path);
      else out.push(path);
    }
  };
  await walk("");
  return out.sort();
}

/** relative path -> sha256 of its bytes, for every file under `dir`. */
export async function treeHashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await listFiles(dir)) out[f] = sha256(await readFile(join(dir, f)));
  return out;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Temp files as core's atomic writer names them: `.<name>.<pid>.<random>.tmp`. */
export function isTempName(name: string): boolean {
  return name.startsWith(".") && name.endsWith(".tmp");
}

/** Quarantined files: `<file>.corrupt.<stamp>`. */
export function isQuarantined(path: string): boolean {
  return /\.corrupt\.[0-9TZ.]+$/.test(path);
}
