// End-to-end harness: v1 trees copied into temp dirs, the built bins (obs-migrate, obs-poll) as
// children. Async spawn only: the loopback fixture server runs in this process.
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { copyV1Tree, type V1TreeName } from "@observatory/test-fixtures";
import { afterEach } from "vitest";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export function onCleanup(fn: () => Promise<void>): void {
  cleanups.push(fn);
}

export const MIGRATE_BIN = fileURLToPath(new URL("../bin/obs-migrate.js", import.meta.url));
export const POLL_BIN = join(
  dirname(createRequire(import.meta.url).resolve("@observatory/cli-poll/package.json")),
  "bin/obs-poll.js",
);

/** A fresh temp root; `state` inside it holds a copy of the named v1 tree (or nothing). */
export async function tempState(tree?: V1TreeName): Promise<{ root: string; stateDir: string }> {
  const root = await mkdtemp(join(tmpdir(), "obs-migrate-"));
  onCleanup(() => rm(root, { recursive: true, force: true }));
  const stateDir = join(root, "state");
  if (tree) await copyV1Tree(tree, stateDir);
  return { root, stateDir };
}

export interface BinResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  records: Array<Record<string, unknown>>;
}

export function start(bin: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [bin, ...args], {
    env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function finish(child: ChildProcess): Promise<BinResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += d;
  });
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      // Only NDJSON records; --help and --version print plain text to stdout.
      const records = stdout
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code, signal, stdout, stderr, records });
    });
  });
}

export function run(
  bin: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<BinResult> {
  return finish(start(bin, args, env));
}

export function migrate(stateDir: string, args: string[] = [], env: Record<string, string> = {}) {
  return run(MIGRATE_BIN, ["--state-dir", stateDir, ...args], env);
}

/** Every file under `dir` (relative path -> sha256), for "nothing changed" assertions. */
export async function treeHashes(dir: string, rel = ""): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(join(dir, rel))).sort()) {
    const path = rel ? `${rel}/${name}` : name;
    const st = await stat(join(dir, path));
    if (st.isDirectory()) Object.assign(out, await treeHashes(dir, path));
    else
      out[path] = createHash("sha256")
        .update(await readFile(join(dir, path)))
        .digest("hex");
  }
  return out;
}

export async function readJson<T = Record<string, unknown>>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, "utf8")) as T;
}

export function ofType(records: ReadonlyArray<Record<string, unknown>>, type: string) {
  return records.filter((r) => r["type"] === type);
}
