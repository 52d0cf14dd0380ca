// End-to-end harness: the loopback scenario server lives in this process (so bins are spawned
// asynchronously, never with spawnSync), and the real obs-* bins run as children against it.
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type BinResult,
  type FixtureServer,
  fixtureEnv,
  runProcess,
  type ScenarioSpec,
  startFixtureServer,
} from "@observatory/test-fixtures";
import { afterEach } from "vitest";

const require = createRequire(import.meta.url);
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export type Bin = "obs-lock" | "obs-check" | "obs-poll" | "obs-bench" | "obs-migrate";

export function binPath(bin: Bin): string {
  if (bin === "obs-lock" || bin === "obs-check")
    return fileURLToPath(new URL(`../bin/${bin}.js`, import.meta.url));
  const pkg = bin === "obs-migrate" ? "@observatory/migrate-v1" : "@observatory/cli-poll";
  return join(dirname(require.resolve(`${pkg}/package.json`)), "bin", `${bin}.js`);
}

export type { BinResult };

export interface Harness {
  server: FixtureServer;
  root: string;
  stateDir: string;
  env: Record<string, string>;
  run(bin: Bin, args?: string[], extraEnv?: Record<string, string>): Promise<BinResult>;
  /** `bin` with `input` written to its stdin (a pipe from this process) and then closed. */
  feed(bin: Bin, args: string[], input: string): Promise<BinResult>;
  /** A bash command line (with pipefail); `obs-*` are the built bins on PATH, and `$STATE` and
   * OBS_STATE_DIR the state directory. */
  sh(command: string): Promise<BinResult>;
  /** `a | b` through a real shell pipe, as a user would type it. */
  pipe(a: [Bin, ...string[]], b: [Bin, ...string[]]): Promise<BinResult>;
  /** obs-poll (no canaries) with benchmarks on `models`, then the scenario's next poll. */
  poll(models: string, extra?: string[]): Promise<BinResult>;
}

export async function harness(
  scenario: ScenarioSpec,
  providers: readonly string[],
): Promise<Harness> {
  const server = await startFixtureServer({ scenario });
  const root = await mkdtemp(join(tmpdir(), "obs-lock-e2e-"));
  cleanups.push(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });
  const stateDir = join(root, "state");
  // obs-lock --benchmark-before-lock runs obs-bench as a child: the built one, as the umbrella
  // bin would name it (sh() also puts it on PATH).
  const env: Record<string, string> = { OBS_BENCH_COMMAND: binPath("obs-bench") };
  Object.assign(env, fixtureEnv(server, providers));
  const withState = (bin: Bin, args: string[]) => [binPath(bin), "--state-dir", stateDir, ...args];
  const h: Harness = {
    server,
    root,
    stateDir,
    env,
    run: (bin, args = [], extraEnv = {}) =>
      spawnNode(process.execPath, withState(bin, args), { ...env, ...extraEnv }, root),
    feed: (bin, args, input) =>
      runProcess(process.execPath, withState(bin, args), { env, cwd: root, input }),
    sh: async (command) =>
      spawnNode(
        "bash",
        ["-o", "pipefail", "-c", command],
        { ...env, ...(await binsOnPath(root)), STATE: stateDir, OBS_STATE_DIR: stateDir },
        root,
      ),
    pipe: ([a, ...aa], [b, ...bb]) => {
      const q = (xs: string[]) => xs.map((x) => `'${x.replace(/'/g, "'\\''")}'`).join(" ");
      const node = q([process.execPath]);
      const cmd = `${node} ${q(withState(a, aa))} | ${node} ${q(withState(b, bb))}`;
      return spawnNode("/bin/sh", ["-c", cmd], env, root);
    },
    poll: async (models, extra = []) => {
      const r = await h.run("obs-poll", [
        "--no-canary",
        "--benchmark",
        "--models",
        models,
        ...extra,
      ]);
      server.scenario.advance();
      return r;
    },
  };
  return h;
}

function spawnNode(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<BinResult> {
  return runProcess(cmd, args, { env, cwd });
}

/** A directory of `obs-*` wrappers around the built bins, as PATH and the rest of the env. */
async function binsOnPath(root: string): Promise<Record<string, string>> {
  const { mkdir, writeFile } = await import("node:fs/promises");
  const dir = join(root, ".bin");
  await mkdir(dir, { recursive: true });
  for (const bin of ["obs-lock", "obs-check", "obs-poll", "obs-bench", "obs-migrate"] as const)
    await writeFile(
      join(dir, bin),
      `#!/bin/sh\nexec '${process.execPath}' '${binPath(bin)}' "$@"\n`,
      {
        mode: 0o755,
      },
    );
  return { PATH: `${dir}:${process.env["PATH"] ?? ""}` };
}

export function ofType(r: BinResult, type: string): Array<Record<string, unknown>> {
  return r.records.filter((x) => x["type"] === type);
}

/** The LOCK_CHECK record for `lock`. */
export function checkOf(r: BinResult, lock: string): Record<string, unknown> {
  const rec = ofType(r, "LOCK_CHECK").find((x) => x["lock"] === lock);
  if (!rec) throw new Error(`no LOCK_CHECK for ${lock} in:\n${r.stdout}\n${r.stderr}`);
  return rec;
}

export function pairsOf(rec: Record<string, unknown>): Array<Record<string, unknown>> {
  return rec["pairs"] as Array<Record<string, unknown>>;
}
