// The real bins, as a user runs them: obs-dash from this package, the writers from theirs.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BinResult, runNodeScript } from "@observatory/test-fixtures";

const require = createRequire(import.meta.url);

export type Bin = "obs-dash" | "obs-poll" | "obs-lock" | "obs-check";

export function binPath(bin: Bin): string {
  if (bin === "obs-dash") return fileURLToPath(new URL("../bin/obs-dash.js", import.meta.url));
  const pkg = bin === "obs-poll" ? "@observatory/cli-poll" : "@observatory/cli-lock";
  return join(dirname(require.resolve(`${pkg}/package.json`)), "bin", `${bin}.js`);
}

/** Runs a bin to completion, stdout and stderr piped (so never a terminal), NO_COLOR unset. */
export function run(
  bin: Bin,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<BinResult> {
  return runNodeScript(binPath(bin), args, { env: { NO_COLOR: undefined, ...env } });
}
