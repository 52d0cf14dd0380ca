// Runs the tools' real bins as child processes, as a user would, without blocking this process
// (the fixture server lives here).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { type BinResult, runNodeScript } from "@observatory/test-fixtures";

const require = createRequire(import.meta.url);

const BIN_PACKAGES: Record<string, string> = {
  "obs-poll": "@observatory/cli-poll",
  "obs-bench": "@observatory/cli-poll",
  "obs-lock": "@observatory/cli-lock",
  "obs-check": "@observatory/cli-lock",
  "obs-oracle": "@observatory/oracle",
  "obs-dash": "@observatory/dash",
  "obs-history": "@observatory/cli-history",
  "obs-diff": "@observatory/cli-history",
  "obs-events": "@observatory/cli-history",
  "obs-report": "@observatory/report",
};

export function binPath(bin: string): string {
  const pkg = BIN_PACKAGES[bin];
  if (!pkg) throw new Error(`unknown bin ${bin}`);
  return join(dirname(require.resolve(`${pkg}/package.json`)), "bin", `${bin}.js`);
}

export type BinRun = BinResult;

export function runBin(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<BinRun> {
  return runNodeScript(binPath(bin), args, { env });
}
