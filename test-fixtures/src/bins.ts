// Running the obs-* bins as a user would, from tests and the demo. Always an async spawn: the
// loopback fixture server usually lives in the calling process, and spawnSync would block it.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FixtureServer } from "./server/start.js";

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The stdout lines that are JSON objects (NDJSON records); other lines are skipped. */
  records: Array<Record<string, unknown>>;
}

/**
 * Runs `cmd args` to completion with only PATH, NO_COLOR=1, an XDG_CONFIG_HOME holding no
 * observatory.config.json, and `env` in its environment; stdin is
 * `input` when given, else /dev/null.
 */
export function runProcess(
  cmd: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; input?: string } = {},
): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      // No user config file: XDG_CONFIG_HOME points nowhere unless a test sets it.
      env: {
        PATH: process.env["PATH"] ?? "",
        NO_COLOR: "1",
        XDG_CONFIG_HOME: "/nonexistent/observatory-tests",
        ...options.env,
      },
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d) => {
      stdout += d;
    });
    child.stderr?.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr, records: ndjsonRecords(stdout) }));
  });
}

/** Runs a node script (a bin's .js file) with the current node. */
export function runNodeScript(
  script: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<BinResult> {
  return runProcess(process.execPath, [script, ...args], options);
}

export function ndjsonRecords(stdout: string): Array<Record<string, unknown>> {
  return stdout.split("\n").flatMap((line) => {
    if (!line.startsWith("{")) return [];
    try {
      const v: unknown = JSON.parse(line);
      return v !== null && typeof v === "object" ? [v as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}

/**
 * The server's env (base URLs and keys) for only the providers a test is about; the others get
 * neither, and Ollama (keyless) is pointed at a closed port unless it is one of them.
 */
export function fixtureEnv(
  server: FixtureServer,
  providers?: readonly string[],
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(server.env())) {
    const provider = k
      .replace(/^OBS_/, "")
      .replace(/_(BASE_URL|API_KEY)$/, "")
      .toLowerCase();
    if (!providers || providers.includes(provider)) env[k] = v;
  }
  if (providers && !providers.includes("ollama")) env["OBS_OLLAMA_BASE_URL"] = "http://127.0.0.1:9";
  return env;
}

/** trace-loads.mjs: a `node --import` hook that prints every module URL the ESM loader loaded. */
export const TRACE_LOADS = fileURLToPath(new URL("../trace-loads.mjs", import.meta.url));

/**
 * Runs a node script like runNodeScript and also returns the URLs of every ES module it loaded
 * (node's built-ins included), for start-up tests that hold a command to loading little.
 */
export async function runTracingLoads(
  script: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<BinResult & { loaded: string[] }> {
  const r = await runProcess(process.execPath, ["--import", TRACE_LOADS, script, ...args], options);
  const line = /^loaded: (.*)$/m.exec(r.stderr);
  return {
    ...r,
    stderr: r.stderr.replace(/^loaded: .*\n?/m, ""),
    loaded: line?.[1]?.split(" ").filter(Boolean) ?? [],
  };
}

/**
 * The packages and our own dist files among loaded module URLs, as short names: "zod",
 * "cli-kit/index.js", "core/errors-entry.js". Built-ins and other files are left out.
 */
export function loadedNames(urls: readonly string[]): string[] {
  const names = new Set<string>();
  for (const url of urls) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)|packages\/([^/]+)\/dist\/([^/]+)/.exec(url);
    if (m) names.add(m[1] ?? `${m[2]}/${m[3]}`);
  }
  return [...names].sort();
}

/** loadedNames of the "loaded: ..." line trace-loads.mjs printed on stderr. */
export function loadedNamesIn(stderr: string): string[] {
  return loadedNames(/^loaded: (.*)$/m.exec(stderr)?.[1]?.split(" ") ?? []);
}
