// End-to-end rig: the loopback scenario server in this process, obs-poll and obs-oracle as
// child processes (async only: a blocking spawn would starve the server living here).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  FIXTURE_PROVIDERS,
  type ScenarioSpec,
  startFixtureServer,
} from "@observatory/test-fixtures";
import { afterEach } from "vitest";
import { type NodeRun, runNode } from "./node.js";
import { tempStateDir } from "./state.js";

const require = createRequire(import.meta.url);
const OBS_POLL = join(
  dirname(require.resolve("@observatory/cli-poll/package.json")),
  "bin",
  "obs-poll.js",
);
const OBS_ORACLE = fileURLToPath(new URL("../bin/obs-oracle.js", import.meta.url));

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

export interface Rig {
  stateDir: string;
  advance(): void;
  poll(args?: string[]): Promise<NodeRun>;
  oracle(args: string[]): Promise<NodeRun>;
}

/** A scenario server that serves only `providers`; every other provider is left unconfigured. */
export async function rig(scenario: ScenarioSpec, providers: readonly string[]): Promise<Rig> {
  const server = await startFixtureServer({ scenario });
  closers.push(() => server.close());
  const stateDir = await tempStateDir();
  const env: Record<string, string> = {};
  for (const p of FIXTURE_PROVIDERS) {
    if (!providers.includes(p)) continue;
    for (const [k, v] of Object.entries(server.env()))
      if (k.startsWith(`OBS_${p.toUpperCase()}_`) || k.startsWith(`${p.toUpperCase()}_`))
        env[k] = v;
  }
  // Ollama needs no key, so it would be polled unless pointed at a closed port.
  if (!providers.includes("ollama")) env["OBS_OLLAMA_BASE_URL"] = "http://127.0.0.1:9";
  const cwd = dirname(stateDir);
  return {
    stateDir,
    advance: () => server.scenario.advance(),
    poll: (args = []) => runNode([OBS_POLL, "--state-dir", stateDir, ...args], { cwd, env }),
    oracle: (args) => runNode([OBS_ORACLE, "--state-dir", stateDir, ...args], { cwd }),
  };
}
