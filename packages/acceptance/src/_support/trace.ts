// The TypeScript side of fs-trace.mjs: the env that preloads it into a bin, and its records.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

export const TRACE_PRELOAD = fileURLToPath(new URL("./fs-trace.mjs", import.meta.url));

export interface TraceEntry {
  pid: number;
  /** worker_threads id: 0 is the main thread. */
  tid: number;
  op:
    | "open"
    | "write"
    | "fsync"
    | "rename"
    | "writeFile"
    | "append"
    | "unlink"
    | "rm"
    | "rmdir"
    | "mkdir"
    | "utimes"
    | "truncate"
    | "copyFile"
    | "cp"
    | "symlink"
    | "link"
    | "http-start"
    | "http-end"
    | "http-error";
  /** Absolute path (file-system steps). */
  path?: string;
  /** Rename and copy targets. */
  to?: string;
  /** open flags, e.g. "WRONLY|CREAT|EXCL". */
  flags?: string;
  /** 1-based count of this process's traced file-system steps. */
  step?: number;
  /** HTTP: request id within the process and its URL without the query. */
  id?: number;
  url?: string;
}

export interface TraceOptions {
  /** Trace file (shared by several processes is fine: one short append per line). */
  file: string;
  /** Only file-system steps under this directory are traced (and counted for killBefore). */
  root: string;
  /** SIGKILL the process just before its n-th traced step. */
  killBefore?: number;
}

export function traceEnv(o: TraceOptions): Record<string, string> {
  return {
    NODE_OPTIONS: `--import ${TRACE_PRELOAD}`,
    OBS_ACC_TRACE_FILE: o.file,
    OBS_ACC_TRACE_ROOT: o.root,
    ...(o.killBefore ? { OBS_ACC_KILL_BEFORE: String(o.killBefore) } : {}),
  };
}

export async function readTrace(file: string): Promise<TraceEntry[]> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as TraceEntry);
}

/** The file-system steps of a trace (what changed or synced the state directory). */
export function fsSteps(trace: readonly TraceEntry[]): TraceEntry[] {
  return trace.filter((e) => e.step !== undefined);
}
