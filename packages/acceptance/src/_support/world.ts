// One test's world: the loopback scenario server in this process, a temp root holding the state
// directory, and the built bins run against both. Spawns are always async: the server shares this
// process, and a blocking spawn would starve it.
import { join } from "node:path";
import {
  type FixtureProvider,
  type FixtureServer,
  fixtureEnv,
  type ScenarioSpec,
  startFixtureServer,
} from "@observatory/test-fixtures";
import { type Bin, binPath } from "./bins.js";
import { onCleanup, tempRoot } from "./cleanup.js";
import {
  type Ended,
  type Running,
  run,
  type SpawnOptions,
  start,
  startCommand,
} from "./process.js";

export interface WorldOptions {
  scenario?: ScenarioSpec;
  /** Providers given a base URL and key; the others get neither (Ollama a closed port). */
  providers?: readonly FixtureProvider[];
  /** Keys the server accepts and hands out instead of the fixture defaults. */
  keys?: Partial<Record<FixtureProvider, string>>;
}

export interface World {
  server: FixtureServer;
  root: string;
  stateDir: string;
  /** Base URLs and keys of the world's providers. */
  env: Record<string, string>;
  /** Runs `bin --state-dir <state> ...args` to completion. */
  run(bin: Bin, args?: string[], options?: SpawnOptions): Promise<Ended>;
  /** Starts `bin --state-dir <state> ...args`, for tests that kill it or run it alongside others. */
  start(bin: Bin, args?: string[], options?: SpawnOptions): Running;
  /** Runs a bin on another state directory (a copy, a bucket) with the world's server and env. */
  runIn(stateDir: string, bin: Bin, args?: string[], options?: SpawnOptions): Promise<Ended>;
  /** Starts a bin on another state directory, as `start` does. */
  startIn(stateDir: string, bin: Bin, args?: string[], options?: SpawnOptions): Running;
  /** `a | b` through a real shell pipe, both on the world's state directory. */
  pipe(a: [Bin, ...string[]], b: [Bin, ...string[]], options?: SpawnOptions): Promise<Ended>;
}

const quote = (xs: string[]) => xs.map((x) => `'${x.replace(/'/g, "'\\''")}'`).join(" ");

export async function world(options: WorldOptions = {}): Promise<World> {
  const server = await startFixtureServer({
    ...(options.scenario ? { scenario: options.scenario } : {}),
    ...(options.keys ? { keys: options.keys } : {}),
  });
  onCleanup(() => server.close());
  const root = await tempRoot();
  const stateDir = join(root, "state");
  const env = fixtureEnv(server, options.providers ?? ["openai"]);
  const withDefaults = (o: SpawnOptions): SpawnOptions => ({
    cwd: root,
    ...o,
    env: { ...env, ...o.env },
  });
  return {
    server,
    root,
    stateDir,
    env,
    run: (bin, args = [], o = {}) => run(bin, ["--state-dir", stateDir, ...args], withDefaults(o)),
    start: (bin, args = [], o = {}) =>
      start(bin, ["--state-dir", stateDir, ...args], withDefaults(o)),
    runIn: (dir, bin, args = [], o = {}) =>
      run(bin, ["--state-dir", dir, ...args], withDefaults(o)),
    startIn: (dir, bin, args = [], o = {}) =>
      start(bin, ["--state-dir", dir, ...args], withDefaults(o)),
    pipe: ([a, ...aa], [b, ...bb], o = {}) => {
      const cmd = (bin: Bin, args: string[]) =>
        quote([process.execPath, binPath(bin), "--state-dir", stateDir, ...args]);
      return startCommand("/bin/sh", ["-c", `${cmd(a, aa)} | ${cmd(b, bb)}`], withDefaults(o))
        .ended;
    },
  };
}
