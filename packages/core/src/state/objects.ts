// Content-addressed objects: objects/<sha256>.json, named by the SHA-256 of their bytes. An
// unchanged snapshot is stored once however many epochs reference it.
import { readFile } from "node:fs/promises";
import { fetchIntoMirror, takePrefetched } from "../storage/registry.js";
import { atomicWriteFile, ensureDir, type Fence } from "./atomic-write.js";
import { canonicalJson, sha256Hex } from "./canonical-json.js";
import { objectPath, objectsDir } from "./layout.js";

/** Stores a JSON value; returns its hash. Skips the write when a verified copy already exists. */
export async function putObject(stateDir: string, value: unknown, fence?: Fence): Promise<string> {
  const bytes = canonicalJson(value);
  const hash = sha256Hex(bytes);
  const path = objectPath(stateDir, hash);
  const existing = await readFile(path).catch(() => null);
  if (existing !== null && sha256Hex(existing) === hash) return hash;
  await ensureDir(objectsDir(stateDir));
  await atomicWriteFile(path, bytes, fence);
  return hash;
}

export type VerifiedRead =
  | { ok: true; value: unknown; bytes: number }
  | { ok: false; missing: boolean; reason: string };

/** The bytes of a content-addressed file, checked against `hash`; in a remote state's mirror,
 * fetched from the bucket when missing or damaged (storage/). Never throws. */
export async function readVerifiedBytes(
  path: string,
  hash: string,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; missing: boolean; reason: string }> {
  // Fetched ahead for this read (a router's pull prefetches the routing index): already checked.
  const prefetched = takePrefetched(path, hash);
  const ahead = prefetched === null ? null : await prefetched;
  if (ahead !== null) return { ok: true, bytes: ahead };
  let buf: Buffer | null = null;
  let code: string | undefined;
  try {
    buf = await readFile(path);
  } catch (e) {
    code = (e as NodeJS.ErrnoException).code;
  }
  let fetchFailed: string | null = null;
  if (buf === null || sha256Hex(buf) !== hash) {
    try {
      // A fetched copy was checked against `hash` as it came in (storage/remote-state.ts).
      const fetched = await fetchIntoMirror(path, hash);
      if (fetched !== null) return { ok: true, bytes: fetched };
    } catch (e) {
      fetchFailed = e instanceof Error ? e.message : String(e);
    }
  }
  if (buf === null)
    return {
      ok: false,
      missing: code === "ENOENT" && fetchFailed === null,
      reason: fetchFailed ?? (code === "ENOENT" ? "missing" : `unreadable (${code})`),
    };
  if (sha256Hex(buf) !== hash) return { ok: false, missing: false, reason: "hash mismatch" };
  return { ok: true, bytes: buf };
}

/**
 * Reads a file and checks its bytes hash to `hash` and parse as JSON. Never throws. In the mirror
 * of a remote state (storage/), an object that is not there yet, or does not verify, is fetched
 * from the bucket first: mirrors fetch objects when they are first read.
 */
export async function readVerified(path: string, hash: string): Promise<VerifiedRead> {
  const r = await readVerifiedBytes(path, hash);
  if (!r.ok) return r;
  try {
    return { ok: true, value: JSON.parse(r.bytes.toString("utf8")), bytes: r.bytes.byteLength };
  } catch {
    return { ok: false, missing: false, reason: "not valid JSON" };
  }
}

export function readObject(stateDir: string, hash: string): Promise<VerifiedRead> {
  return readVerified(objectPath(stateDir, hash), hash);
}
