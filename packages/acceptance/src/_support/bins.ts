// The built obs-* bins the suite runs, found through the workspace packages that ship them, so
// turbo builds them before this package's tests.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

const SHIPPED_BY = {
  "obs-poll": "@observatory/cli-poll",
  "obs-bench": "@observatory/cli-poll",
  "obs-lock": "@observatory/cli-lock",
  "obs-check": "@observatory/cli-lock",
  "obs-migrate": "@observatory/migrate-v1",
  "obs-oracle": "@observatory/oracle",
  "obs-dash": "@observatory/dash",
  "obs-history": "@observatory/cli-history",
  "obs-diff": "@observatory/cli-history",
  "obs-events": "@observatory/cli-history",
  "obs-report": "@observatory/report",
} as const;

export type Bin = keyof typeof SHIPPED_BY;
export const BINS = Object.keys(SHIPPED_BY) as Bin[];

/** Absolute path of a bin's entry script (`<package>/bin/<bin>.js`). */
export function binPath(bin: Bin): string {
  return join(dirname(require.resolve(`${SHIPPED_BY[bin]}/package.json`)), "bin", `${bin}.js`);
}
