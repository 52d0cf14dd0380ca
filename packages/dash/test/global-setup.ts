// Builds the scenario's state once for every test file (they only read it; a test that changes
// state works on a copy). The fixture server lives only while the state is built.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtureEnv, startFixtureServer } from "@observatory/test-fixtures";
import type { TestProject } from "vitest/node";
import { run } from "./bins.js";
import { BENCHMARKED, CLAUDE, GPT, PROVIDERS, SCENARIO, SECRET_IN_NOTES } from "./scenario.js";

declare module "vitest" {
  export interface ProvidedContext {
    stateDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), "obs-dash-state-"));
  const stateDir = join(root, "state");
  const server = await startFixtureServer({ scenario: SCENARIO });
  try {
    const env = { ...fixtureEnv(server, PROVIDERS), OBS_STATE_DIR: stateDir };
    const step = async (what: string, r: Promise<{ code: number | null; stderr: string }>) => {
      const done = await r;
      // obs-poll exits 1 when it confirms a drift, obs-check when a lock is violated.
      if (done.code !== 0 && done.code !== 1)
        throw new Error(`${what} exited ${done.code}:\n${done.stderr}`);
    };
    for (let poll = 1; poll <= 4; poll++) {
      if (poll > 1) server.scenario.advance();
      await step(
        `poll ${poll}`,
        run("obs-poll", ["--no-canary", "--benchmark", "--models", BENCHMARKED], env),
      );
      if (poll === 1) {
        await step(
          "lock exp-drift",
          run("obs-lock", ["exp-drift", "--models", `${CLAUDE},${GPT}`, "--notes", "phase 2"], env),
        );
        await step(
          "lock exp-clean",
          run("obs-lock", ["exp-clean", "--models", GPT, "--notes", `key ${SECRET_IN_NOTES}`], env),
        );
      }
    }
    await step("check", run("obs-check", ["--all"], env));
    await mkdir(join(stateDir, "locks"), { recursive: true });
    await writeFile(join(stateDir, "locks", "broken.lock.json"), "{ not a lock");
  } finally {
    await server.close();
  }
  project.provide("stateDir", stateDir);
  return () => rm(root, { recursive: true, force: true });
}
