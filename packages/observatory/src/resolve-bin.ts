// Where an installed tool's bin script is: read from its package's package.json, so the tools'
// `exports` need not expose their bin files and a renamed bin script is followed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** The absolute path of `bin` in package `pkg`, or null when the package is not installed. */
export function resolveBin(pkg: string, bin: string): string | null {
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${pkg}/package.json`);
  } catch {
    return null;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin?: unknown };
  const bins = manifest.bin;
  const rel =
    typeof bins === "string"
      ? bins
      : bins !== null && typeof bins === "object"
        ? (bins as Record<string, unknown>)[bin]
        : undefined;
  return typeof rel === "string" ? join(dirname(manifestPath), rel) : null;
}
