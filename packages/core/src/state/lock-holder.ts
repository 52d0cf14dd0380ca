// Who holds the instance lock: `observatory.lock/holder.json`, in place from the moment the lock
// directory exists. It carries the fencing token (the lock's generation: a writer proves it
// still holds the lock by finding its own token there before every rename and the pointer flip)
// and the holder's identity (pid, host, process start time), so a lock whose holder died on
// this host is taken over at once instead of after the stale period.
import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, rmSync } from "node:fs";
import { lstat, mkdir, readFile, readlink, rename, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import { atomicWriteFile } from "./atomic-write.js";

export const HOLDER_FILE = "holder.json";

export const LockHolderSchema = z.object({
  schema: z.literal("observatory.lock-holder/1"),
  /** The fencing token: random, unique to one acquisition of the lock. */
  token: z.string().regex(/^[0-9a-f]{32}$/),
  pid: z.number().int().positive(),
  /** hostname, plus on Linux the boot id and pid namespace: pids compare only within one. */
  host: z.string(),
  /** The process's start time as the kernel counts it (Linux), so a reused pid is not mistaken
   * for the holder; null where the platform does not tell. */
  started: z.string().nullable(),
  tool: z.string(),
  acquired_at: z.string(),
});
export type LockHolder = z.infer<typeof LockHolderSchema>;

let hostKeyCache: string | null = null;

/** This machine and pid namespace: two processes with equal host keys share one pid space. */
export function hostKey(): string {
  if (hostKeyCache !== null) return hostKeyCache;
  let key = hostname();
  try {
    key += `|${readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim()}`;
  } catch {
    // Not Linux: the hostname alone.
  }
  hostKeyCache = key;
  return key;
}

async function pidNamespace(): Promise<string> {
  return readlink("/proc/self/ns/pid").catch(() => "");
}

/** A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or null;
 * "zombie" for a process that has exited and waits to be reaped. */
export async function processStart(pid: number): Promise<string | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") return "zombie";
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

export async function myIdentity(tool: string): Promise<LockHolder> {
  return {
    schema: "observatory.lock-holder/1",
    token: randomBytes(16).toString("hex"),
    pid: process.pid,
    host: `${hostKey()}|${await pidNamespace()}`,
    started: await processStart(process.pid),
    tool,
    acquired_at: new Date().toISOString(),
  };
}

/** A temp name beside the lock directory, where it is built before it appears and moved before
 * it is deleted; recovery removes any left by a killed process (a temp file name). */
export function lockDirAside(lockDir: string): string {
  return join(
    dirname(lockDir),
    `.${basename(lockDir)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
}

export function holderPath(lockDir: string): string {
  return join(lockDir, HOLDER_FILE);
}

/** The holder record in a lock directory; null when absent or unreadable (a holder between
 * mkdir and its write, a crash there, or an older tool): then only the stale period decides. */
export async function readHolder(lockDir: string): Promise<LockHolder | null> {
  try {
    const r = LockHolderSchema.safeParse(JSON.parse(await readFile(holderPath(lockDir), "utf8")));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/**
 * Creates the lock directory with the holder record already inside: a temp directory holding
 * holder.json, renamed into place. So no lock directory ever exists without its holder record,
 * and a holder killed at any moment leaves a lock the next run can judge. The rename fails when
 * the lock directory exists (not empty), which proper-lockfile reads as EEXIST: held.
 */
export async function createLockDir(lockDir: string, holder: LockHolder): Promise<void> {
  const exists = await lstat(lockDir).then(
    () => true,
    () => false,
  );
  if (exists) throw Object.assign(new Error(`EEXIST: ${lockDir}`), { code: "EEXIST" });
  const tmp = lockDirAside(lockDir);
  await mkdir(tmp);
  try {
    await atomicWriteFile(join(tmp, HOLDER_FILE), `${JSON.stringify(holder)}\n`);
    await rename(tmp, lockDir);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    // ENOENT: recovery under the lock we were racing for removed our temp directory.
    if (code === "ENOTEMPTY" || code === "EEXIST" || code === "ENOENT")
      throw Object.assign(new Error(`EEXIST: ${lockDir}`), { code: "EEXIST" });
    throw e;
  }
}

/** True when the lock directory's holder record carries this token (read synchronously, so
 * nothing of this process runs between the look and what the caller does next). */
export function holdsOwnToken(lockDir: string, token: string): boolean {
  try {
    const h = JSON.parse(readFileSync(holderPath(lockDir), "utf8")) as { token?: unknown };
    return h.token === token;
  } catch {
    return false;
  }
}

/**
 * Removes a lock directory that is ours (its holder record carries our token), in one step as
 * far as anyone else can see: it is renamed aside, then deleted. Unlinking the record first and
 * then the directory would leave, to a kill in between, a lock without a holder that nobody could
 * judge dead. Returns false (and touches nothing) when the directory is not ours.
 */
export function removeOwnLockDirSync(lockDir: string, token: string): boolean {
  if (!holdsOwnToken(lockDir, token)) return false; // absent, unreadable or another's
  const aside = lockDirAside(lockDir);
  renameSync(lockDir, aside);
  rmSync(aside, { recursive: true, force: true });
  return true;
}

/**
 * True when the holder is certainly dead: it ran on this host (same boot, same pid namespace)
 * and its pid is gone or now belongs to a process that started at another time. A holder on
 * another host, or one we cannot judge, is never declared dead: the stale period covers it.
 */
export async function holderIsDead(holder: LockHolder): Promise<boolean> {
  if (holder.host !== `${hostKey()}|${await pidNamespace()}`) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    // EPERM: alive, someone else's process.
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
  if (holder.started === null) return false;
  const now = await processStart(holder.pid);
  return now !== null && now !== holder.started;
}
