// End-to-end harness: the loopback scenario server in this process, the built bins as children.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type BinResult,
  type FixtureServer,
  fixtureEnv,
  runNodeScript,
  type ScenarioSpec,
  startFixtureServer,
} from "@observatory/test-fixtures";
import { afterEach } from "vitest";

export type { BinResult };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export interface Harness {
  server: FixtureServer;
  stateDir: string;
  env: Record<string, string>;
  run(
    bin: "obs-poll" | "obs-bench",
    args?: string[],
    extraEnv?: Record<string, string>,
  ): Promise<BinResult>;
}

export async function harness(
  scenario: ScenarioSpec,
  providers?: readonly string[],
): Promise<Harness> {
  const server = await startFixtureServer({ scenario });
  const root = await mkdtemp(join(tmpdir(), "obs-poll-e2e-"));
  cleanups.push(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });
  const stateDir = join(root, "state");
  const env = fixtureEnv(server, providers);
  return {
    server,
    stateDir,
    env,
    run: (bin, args = [], extraEnv = {}) =>
      runNodeScript(
        fileURLToPath(new URL(`../bin/${bin}.js`, import.meta.url)),
        ["--state-dir", stateDir, ...args],
        {
          env: { ...env, ...extraEnv },
          cwd: root,
        },
      ),
  };
}

export function ofType(r: BinResult, type: string): Array<Record<string, unknown>> {
  return r.records.filter((x) => x["type"] === type);
}
