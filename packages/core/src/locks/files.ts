// Lock files on disk: <state>/locks/<name>.lock.json. Names are validated before any path is
// built; writes go through the atomic writer; reads never throw on a bad file, they say why.
// Here, not in obs-lock, because every reader of locks (obs-check, the dashboard) must parse
// them the same way without loading another tool.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { ExitCode, ObsError } from "../errors.js";
import { atomicWriteFile, ensureDir } from "../state/atomic-write.js";
import * as layout from "../state/layout.js";
import { remoteFor } from "../storage/registry.js";
import { LOCK_SUFFIX } from "./read.js";
import { type Lock, LockNameSchema, LockSchema } from "./schema.js";
import { isV1Lock, type V1Lock, V1LockSchema } from "./v1.js";

/** What obs-migrate could verify of a v1 lock's structure (kept beside `migrated_from`). */
export interface MigratedStructure {
  model_ids: "verified" | "unverifiable";
  registry: "verified" | "unverifiable";
}

const Verification = z.enum(["verified", "unverifiable"]);
const MigratedStructureSchema = z.object({
  migrated_from: z.object({
    structural: z.object({ model_ids: Verification, registry: Verification }),
  }),
});

export type LockFile =
  | { kind: "v2"; name: string; lock: Lock; migrated: MigratedStructure | null }
  | { kind: "v1"; name: string; lock: V1Lock }
  | { kind: "invalid"; name: string; reason: string };

/** The name as given, or a usage error: no separators, no "..", nothing a shell would mangle. */
export function validateLockName(name: string): string {
  const r = LockNameSchema.safeParse(name);
  if (!r.success) {
    throw new ObsError("BAD_LOCK_NAME", `invalid lock name ${JSON.stringify(name)}`, {
      hint: "lock names use letters, digits, '.', '_' and '-' (at most 128, no path separators)",
      exitCode: ExitCode.USAGE,
    });
  }
  return r.data;
}

export function lockPath(stateDir: string, name: string): string {
  return join(layout.locksDir(stateDir), `${validateLockName(name)}${LOCK_SUFFIX}`);
}

/** Parses a lock file's text: a v2 lock, a v1 lockfile, or the reason it is neither. */
export function parseLockText(name: string, text: string): LockFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: "invalid", name, reason: "not valid JSON" };
  }
  if (isV1Lock(json)) return { kind: "v1", name, lock: V1LockSchema.parse(json) };
  const schema = (json as { schema?: unknown } | null)?.schema;
  if (schema !== "observatory.lock/2") {
    return {
      kind: "invalid",
      name,
      reason:
        typeof schema === "string"
          ? `unsupported lock format ${schema} (written by a newer obs-lock?)`
          : "not a lock file",
    };
  }
  const r = LockSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    return { kind: "invalid", name, reason: `does not match observatory.lock/2: ${issues[0]}` };
  }
  if (r.data.name !== name)
    return { kind: "invalid", name, reason: `names lock ${r.data.name}, not ${name}` };
  // LockSchema strips fields it does not know; obs-migrate records its verdicts in one of them.
  const m = MigratedStructureSchema.safeParse(json);
  return {
    kind: "v2",
    name,
    lock: r.data,
    migrated: m.success ? m.data.migrated_from.structural : null,
  };
}

/** The lock called `name`, or null when there is none. */
export async function readLockFile(stateDir: string, name: string): Promise<LockFile | null> {
  let text: string;
  try {
    text = await readFile(lockPath(stateDir, name), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    return { kind: "invalid", name, reason: `unreadable (${code})` };
  }
  return parseLockText(name, text);
}

/** Every lock in the state directory, sorted by name. */
export async function listLockFiles(stateDir: string): Promise<LockFile[]> {
  let names: string[];
  try {
    names = await readdir(layout.locksDir(stateDir));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new ObsError("STATE_UNREADABLE", `cannot read ${layout.locksDir(stateDir)}`, {
      exitCode: ExitCode.STATE,
      cause: e,
    });
  }
  const out: LockFile[] = [];
  // Temp files of an atomic write start with a dot and are never locks.
  for (const file of names.filter((n) => n.endsWith(LOCK_SUFFIX) && !n.startsWith(".")).sort()) {
    const name = file.slice(0, -LOCK_SUFFIX.length);
    if (!LockNameSchema.safeParse(name).success) {
      out.push({ kind: "invalid", name, reason: "the file name is not a valid lock name" });
      continue;
    }
    out.push((await readLockFile(stateDir, name)) ?? { kind: "invalid", name, reason: "vanished" });
  }
  return out;
}

/** Validates and writes a lock atomically; returns its path. Callers hold the instance lock. */
export async function writeLockFile(stateDir: string, lock: Lock): Promise<string> {
  const valid = LockSchema.parse(lock);
  const path = lockPath(stateDir, valid.name);
  await ensureDir(layout.locksDir(stateDir));
  const text = `${JSON.stringify(valid, null, 2)}\n`;
  await atomicWriteFile(path, text);
  await remoteFor(stateDir)?.publishLock(
    `${layout.LOCKS_DIR}/${valid.name}${LOCK_SUFFIX}`,
    Buffer.from(text),
  );
  return path;
}
