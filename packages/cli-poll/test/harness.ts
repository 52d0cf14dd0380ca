// End-to-end harness: the loopback scenario server in this process, the built bins as children.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type FixtureServer,
  type ScenarioSpec,
  startFixtureServer,
} from "@observatory/test-fixtures";
import { afterEach } from "vitest";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Parsed NDJSON lines of stdout. */
  records: Array<Record<string, unknown>>;
}

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
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(server.env())) {
    // Limit the run to the providers a test is about: the others get no key and no base URL.
    const provider = k
      .replace(/^OBS_/, "")
      .replace(/_(BASE_URL|API_KEY)$/, "")
      .toLowerCase();
    if (!providers || providers.includes(provider)) env[k] = v;
  }
  if (providers && !providers.includes("ollama")) env["OBS_OLLAMA_BASE_URL"] = "http://127.0.0.1:9";
  return {
    server,
    stateDir,
    env,
    run: (bin, args = [], extraEnv = {}) =>
      runBin(bin, ["--state-dir", stateDir, ...args], { ...env, ...extraEnv }, root),
  };
}

export function runBin(
  bin: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<BinResult> {
  const path = fileURLToPath(new URL(`../bin/${bin}.js`, import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path, ...args], {
      cwd,
      env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("exit", (code) => {
      const records = stdout
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code, stdout, stderr, records });
    });
  });
}

export function ofType(r: BinResult, type: string): Array<Record<string, unknown>> {
  return r.records.filter((x) => x["type"] === type);
}
