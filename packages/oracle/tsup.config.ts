import { pkg } from "../../tsup.base.ts";

// The SDK ships ESM and CJS with types; the obs-oracle CLI is ESM only. Each build cleans only
// its own files, because tsup runs the two in parallel.
// The CLI splits: its entry parses the command line (cli-kit: yargs), and the oracle is a chunk
// imported after, so --help and --version never load core or zod. It bundles cli-kit (a dev
// dependency: routing code that installs the SDK gets no yargs) and core, zod and
// proper-lockfile: loading zod's hundred-odd files one by one cost obs-oracle route more than
// parsing one bundled chunk does.
export default [
  pkg({ format: ["esm", "cjs"], clean: ["index.*"] }),
  pkg({
    entry: ["src/cli/obs-oracle.ts"],
    dts: false,
    splitting: true,
    noExternal: ["@observatory/cli-kit", "@observatory/core", "zod", "proper-lockfile"],
    // proper-lockfile (CommonJS, bundled with core) requires node's built-ins at run time.
    banner: {
      js: 'import { createRequire as __obsCreateRequire } from "node:module"; const require = __obsCreateRequire(import.meta.url);',
    },
    clean: ["obs-oracle.*", "execute-*", "chunk-*"],
  }),
];
