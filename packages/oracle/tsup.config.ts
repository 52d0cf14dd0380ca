import { dirname, resolve } from "node:path";
import type { Options } from "tsup";
import { pkg } from "../../tsup.base.ts";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * zod's `z` namespace re-exports its forty-odd locales (360 kB, half the bundled chunk, and
 * compiled on every start-up); zod only ever uses English unless told otherwise, and nothing
 * here tells it otherwise. The bin's bundle gets English alone.
 */
const zodEnglishOnly: Plugin = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: resolve(dirname(args.importer), "../locales/en.js"), namespace: "zod-en" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-en" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * The oracle's past (open at a past epoch, history, valueAt, diff: core's oracle/past) is
 * imported lazily, but a lazy import still splits the modules it shares with routing into a chunk
 * of their own, one more file for every `obs-oracle route`. No obs-oracle command reads the
 * past, so the bin's bundle gets a stand-in that says so, and keeps the module graph it had.
 */
const withoutPast: Plugin = {
  name: "oracle-without-past",
  setup(build) {
    build.onResolve({ filter: /^\.\/past\/index\.js$/ }, (args) =>
      /[\\/]core[\\/]src[\\/]oracle[\\/]oracle\.ts$/.test(args.importer)
        ? { path: "past", namespace: "oracle-without-past" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "oracle-without-past" }, () => ({
      contents: `const no = () => { throw new Error("obs-oracle is built without the oracle's past (open at an epoch, history, valueAt, diff): see withoutPast in packages/oracle/tsup.config.ts"); };
export { no as readPinned, no as readEntries, no as modelHistory, no as valueAt, no as diffPoints };`,
    }));
  },
};

// The SDK ships ESM and CJS with types; the obs-oracle CLI is ESM only. Each build cleans only
// its own files, because tsup runs the two in parallel.
// The CLI splits: its entry parses the command line (cli-kit: yargs), and the oracle is a chunk
// imported after, so --help and --version never load core or zod. It bundles cli-kit (a dev
// dependency: routing code that installs the SDK gets no yargs), core (from its sources, so
// that the modules the oracle does not use are left out), zod and proper-lockfile: loading zod's
// hundred-odd files one by one cost obs-oracle route more than parsing one bundled chunk does.
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
    esbuildPlugins: [zodEnglishOnly, withoutPast],
    esbuildOptions(o) {
      o.alias = {
        "@observatory/core/errors": "../core/src/errors-entry.ts",
        "@observatory/core/config": "../core/src/config-entry.ts",
        "@observatory/core": "../core/src/index.ts",
      };
    },
  }),
];
