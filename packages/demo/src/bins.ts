// Runs the tools' real bins as child processes, as a user would, without blocking this process
// (the fixture server lives here).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

const BIN_PACKAGES: Record<string, string> = {
  "obs-poll": "@observatory/cli-poll",
  "obs-bench": "@observatory/cli-poll",
  "obs-lock": "@observatory/cli-lock",
  "obs-check": "@observatory/cli-lock",
  "obs-oracle": "@observatory/oracle",
};

export function binPath(bin: string): string {
  const pkg = BIN_PACKAGES[bin];
  if (!pkg) throw new Error(`unknown bin ${bin}`);
  return join(dirname(require.resolve(`${pkg}/package.json`)), "bin", `${bin}.js`);
}

export interface BinRun {
  code: number | null;
  records: Array<Record<string, unknown>>;
  stderr: string;
}

export function runBin(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath(bin), ...args], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const records = out
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code, records, stderr: err });
    });
  });
}
