// Knowing when to read again, without re-reading on a blind timer: fs.watch on the state
// directory (and locks/) reports changes at once, and a cheap stamp (the pointer's bytes, the
// log's size and time, the locks' names and times) decides whether anything the dashboard shows
// moved. The stamp is also checked every few seconds, because fs.watch misses events on some
// network file systems; a tick that finds the same stamp does nothing.
import { type FSWatcher, watch } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { eventLogFiles, layout } from "@observatory/core";

export interface StateStamp {
  pointer: string;
  log: string;
  locks: string;
}

export interface StateChange {
  /** The pointer moved: a new epoch was committed (or the pointer was damaged). */
  pointer: boolean;
  /** Only the event log or the locks changed: same epoch. */
  logOrLocks: boolean;
}

export async function stateStamp(stateDir: string): Promise<StateStamp> {
  const pointer = await readFile(layout.pointerPath(stateDir), "utf8").catch(() => "");
  const logs = await eventLogFiles(stateDir);
  const last = logs.at(-1);
  const log = last ? await fileStamp(last) : "";
  let locks = "";
  try {
    const dir = layout.locksDir(stateDir);
    const names = (await readdir(dir)).filter((n) => !n.startsWith(".")).sort();
    const stamps = await Promise.all(names.map((n) => fileStamp(join(dir, n))));
    locks = names.map((n, i) => `${n}@${stamps[i]}`).join(",");
  } catch {
    // No locks directory: no locks.
  }
  return { pointer, log: `${logs.length}:${log}`, locks };
}

async function fileStamp(path: string): Promise<string> {
  return stat(path).then(
    (s) => `${s.size}:${s.mtimeMs}`,
    () => "",
  );
}

export interface WatchOptions {
  /** How often the stamp is checked when fs.watch says nothing. Default 3 s. */
  intervalMs?: number;
}

/** Calls `onChange` after each change to what the dashboard shows. Returns a stop function. */
export function watchState(
  stateDir: string,
  onChange: (change: StateChange) => void,
  options: WatchOptions = {},
): () => void {
  let last: StateStamp | null = null;
  let running = false;
  let again = false;
  let stopped = false;
  const check = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const now = await stateStamp(stateDir);
        if (stopped) return;
        if (last !== null) {
          const pointer = now.pointer !== last.pointer;
          const logOrLocks = now.log !== last.log || now.locks !== last.locks;
          if (pointer || logOrLocks) onChange({ pointer, logOrLocks });
        }
        last = now;
        watchLocks();
      } while (again && !stopped);
    } finally {
      running = false;
    }
  };
  const watchers = new Map<string, FSWatcher>();
  const watchDir = (dir: string) => {
    if (watchers.has(dir)) return;
    try {
      const w = watch(dir, { persistent: false }, () => void check());
      w.on("error", () => {
        w.close();
        watchers.delete(dir);
      });
      watchers.set(dir, w);
    } catch {
      // Not there yet (or not watchable): the interval check covers it.
    }
  };
  const watchLocks = () => watchDir(layout.locksDir(stateDir));
  watchDir(stateDir);
  const timer = setInterval(() => {
    watchDir(stateDir);
    void check();
  }, options.intervalMs ?? 3000);
  timer.unref();
  void check();
  return () => {
    stopped = true;
    clearInterval(timer);
    for (const w of watchers.values()) w.close();
    watchers.clear();
  };
}
