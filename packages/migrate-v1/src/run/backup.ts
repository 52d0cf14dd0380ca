// The backup: every file of the v1 directory copied into v1_backup_<stamp>/ before anything in the
// directory changes. Files are written atomically into a hidden .partial directory, hashed, and the
// directory is renamed into place last: a backup under its final name is complete by construction,
// and a partial one left by a killed run is removed and redone.
import { chmod, lstat, readdir, readFile, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  atomicWriteFile,
  ExitCode,
  ensureDir,
  fsyncDir,
  layout,
  ObsError,
  sha256Hex,
} from "@observatory/core";
import { z } from "zod";
import { JOURNAL_FILE } from "./journal.js";

export const BACKUP_MANIFEST = "obs-migrate-backup.json";
export const BACKUP_PREFIX = "v1_backup_";

export const BackupManifestSchema = z.object({
  schema: z.literal("observatory.v1-backup/1"),
  created_at: z.string(),
  files: z.array(
    z.object({ path: z.string(), sha256: z.string(), bytes: z.number().int(), mode: z.number() }),
  ),
  /** Entries that are neither files nor directories (symlinks, sockets): not copied. */
  skipped: z.array(z.string()),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

/** Our own machinery and v2 content-addressed stores are not part of the v1 directory. */
function excluded(name: string): boolean {
  return (
    name === `${layout.INSTANCE_LOCK_TARGET}.lock` ||
    name === JOURNAL_FILE ||
    name === layout.EPOCHS_DIR ||
    name === layout.OBJECTS_DIR ||
    name.startsWith(BACKUP_PREFIX) ||
    name.startsWith(`.${BACKUP_PREFIX}`) ||
    (name.startsWith(".") && name.endsWith(".tmp"))
  );
}

/** A backup name not already taken (the seed's own migration used the same prefix). */
export async function freshBackupName(stateDir: string, stamp: string): Promise<string> {
  const names = new Set(await readdir(stateDir));
  for (let i = 0; ; i++) {
    const name = `${BACKUP_PREFIX}${stamp}${i === 0 ? "" : `-${i}`}`;
    if (!names.has(name)) return name;
  }
}

export async function makeBackup(
  stateDir: string,
  name: string,
  createdAt: string,
  onHalfway: () => Promise<void>,
  signal?: AbortSignal,
): Promise<BackupManifest> {
  for (const n of await readdir(stateDir)) {
    if (n.startsWith(`.${BACKUP_PREFIX}`) && n.endsWith(".partial")) {
      await rm(join(stateDir, n), { recursive: true, force: true });
    }
  }
  const partial = join(stateDir, `.${name}.partial`);
  const files: BackupManifest["files"] = [];
  const skipped: string[] = [];
  const todo = await listFiles(stateDir, "", skipped);
  await ensureDir(partial);
  for (const [i, rel] of todo.entries()) {
    if (signal?.aborted) throw interrupted("while copying the backup");
    const src = join(stateDir, rel);
    const [bytes, st] = await Promise.all([readFile(src), lstat(src)]);
    const dest = join(partial, rel);
    await ensureDir(dirname(dest));
    await atomicWriteFile(dest, bytes);
    await chmod(dest, st.mode & 0o777);
    files.push({
      path: rel,
      sha256: sha256Hex(bytes),
      bytes: bytes.byteLength,
      mode: st.mode & 0o777,
    });
    if (i === Math.floor(todo.length / 2)) await onHalfway();
  }
  const manifest: BackupManifest = {
    schema: "observatory.v1-backup/1",
    created_at: createdAt,
    files,
    skipped,
  };
  await atomicWriteFile(join(partial, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(partial, join(stateDir, name));
  await fsyncDir(stateDir);
  return manifest;
}

async function listFiles(root: string, rel: string, skipped: string[]): Promise<string[]> {
  const out: string[] = [];
  const names = (await readdir(join(root, rel))).sort();
  for (const n of names) {
    if (rel === "" && excluded(n)) continue;
    const path = rel === "" ? n : `${rel}/${n}`;
    const st = await lstat(join(root, path));
    if (st.isDirectory()) out.push(...(await listFiles(root, path, skipped)));
    else if (st.isFile()) out.push(path);
    else skipped.push(path);
  }
  return out;
}

/** Re-reads a finished backup and checks every file against its recorded hash. */
export async function verifyBackup(stateDir: string, name: string): Promise<BackupManifest> {
  const dir = join(stateDir, name);
  const fail = (why: string) =>
    new ObsError("BACKUP_INVALID", `the v1 backup ${name}/ ${why}`, {
      hint: `inspect ${dir}; the journal ${JOURNAL_FILE} names it. Nothing further was changed.`,
      exitCode: ExitCode.STATE,
    });
  let manifest: BackupManifest;
  try {
    manifest = BackupManifestSchema.parse(
      JSON.parse(await readFile(join(dir, BACKUP_MANIFEST), "utf8")),
    );
  } catch {
    throw fail(`has no readable ${BACKUP_MANIFEST}`);
  }
  for (const f of manifest.files) {
    const bytes = await readFile(join(dir, f.path)).catch(() => null);
    if (bytes === null || sha256Hex(bytes) !== f.sha256)
      throw fail(`does not match its manifest at ${f.path}`);
  }
  return manifest;
}

export function interrupted(where: string): ObsError {
  return new ObsError("INTERRUPTED", `interrupted ${where}`, {
    hint: "re-run obs-migrate to finish: completed steps are durable and are not repeated",
    exitCode: ExitCode.INTERRUPTED,
  });
}
