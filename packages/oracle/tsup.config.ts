import { pkg } from "../../tsup.base.ts";

// The SDK ships ESM and CJS with types; the obs-oracle CLI is ESM only. Each build cleans only
// its own files, because tsup runs the two in parallel.
export default [
  pkg({ format: ["esm", "cjs"], clean: ["index.*"] }),
  pkg({ entry: ["src/cli/obs-oracle.ts"], dts: false, clean: ["obs-oracle.*"] }),
];
