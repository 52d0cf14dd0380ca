// The atomic writer: every state write in the project goes through here. A reader sees either
// the old file or the new one, never a torn one, and a crash leaves at most a stray temp file.
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { mkdir, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ioStats } from "./io-stats.js";

export const TEMP_SUFFIX = ".tmp";

/** A writer's proof that it still holds the instance lock; throws when it does not. Called
 * immediately before each step that replaces or removes a name in the state directory. */
export type Fence = () => Promise<void>;

/** Temp files start with a dot and end in .tmp, so recovery can find and remove them. */
export function isTempFile(name: string): boolean {
  return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
}

/**
 * Writes `data` to `path` atomically: temp file in the same directory, fsync the file, rename
 * over the target, fsync the directory. The temp file is removed if anything fails. `fence`
 * runs right before the rename: a writer that lost its lock renames nothing.
 */
export async function atomicWriteFile(
  path: string,
  data: string | Uint8Array,
  fence?: Fence,
  /** durable false: no fsync (a mirror's copy of an immutable object, verified when read and
   * fetched again if a crash lost it). Still atomic: never a torn file under the name. */
  options: { durable?: boolean } = {},
): Promise<void> {
  const durable = options.durable ?? true;
  const dir = dirname(path);
  const tmp = join(
    dir,
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}${TEMP_SUFFIX}`,
  );
  let renamed = false;
  try {
    const fh = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    try {
      await fh.writeFile(data);
      if (durable) {
        await fh.sync();
        ioStats.fsyncs++;
      }
      ioStats.bytesWritten += typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
    } finally {
      await fh.close();
    }
    await fence?.();
    await rename(tmp, path);
    renamed = true;
    if (durable) await fsyncDir(dir);
  } catch (e) {
    if (!renamed) await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** Makes a directory entry change (create, rename, unlink) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, constants.O_RDONLY);
  try {
    await fh.sync();
    ioStats.fsyncs++;
  } finally {
    await fh.close();
  }
}

/** mkdir -p, then fsync the parent so the new directory itself survives a crash. */
export async function ensureDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true });
  if (created !== undefined) await fsyncDir(dirname(dir));
}
