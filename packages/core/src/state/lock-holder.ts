// Who holds the instance lock: `observatory.lock/holder.json`, written by the holder right after
// it takes the lock. It carries the fencing token (the lock's generation: a writer proves it
// still holds the lock by finding its own token there before every rename and the pointer flip)
// and the holder's identity (pid, host, process start time), so a lock whose holder died on
// this host is taken over at once instead of after the stale period.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile, readlink, rename, unlink, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";

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
 * Writes the holder record into a lock directory we just took, then puts the directory's mtime
 * back: proper-lockfile refreshes the lock by mtime and reads any other mtime as a takeover.
 * The lock directory is private to the lock, so this is the one write outside the atomic
 * writer's temp-and-rename that is still atomic: a temp file renamed into place.
 */
export async function writeHolder(lockDir: string, holder: LockHolder, mtime: Date): Promise<void> {
  const tmp = join(lockDir, `.${HOLDER_FILE}.${process.pid}.tmp`);
  await writeFile(tmp, `${JSON.stringify(holder)}\n`, { flag: "wx" });
  await rename(tmp, holderPath(lockDir));
  await utimes(lockDir, mtime, mtime);
}

export async function removeHolder(lockDir: string, token: string): Promise<void> {
  const h = await readHolder(lockDir);
  if (h?.token === token) await unlink(holderPath(lockDir)).catch(() => undefined);
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
