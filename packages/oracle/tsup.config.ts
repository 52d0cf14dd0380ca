import { readdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Options } from "tsup";
import { pkg, pkgOptions } from "../../tsup.base.ts";

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
 * imported lazily, so the obs-oracle entry would have to name it as a lazy file (see lazyFiles)
 * and the lazy build would carry it. No obs-oracle command reads the past, so the entry gets a
 * stand-in that says so.
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

/** Where the obs-oracle entry's lazy imports go: files of the lazy build, by the module imported. */
const core = (path: string) => resolve(import.meta.dirname, "../core/src", path);
const cliKitDist = resolve(import.meta.dirname, "../cli-kit/dist");
/** cli-kit's error colours (chalk), a chunk of its build: a run that succeeds never loads it. */
const cliKitOutput = resolve(
  cliKitDist,
  readdirSync(cliKitDist).find((f) => /^output-\w+\.js$/.test(f)) ?? "output.js",
);
const LAZY: Readonly<Record<string, string>> = {
  [resolve(import.meta.dirname, "src/cli/parse.ts")]: "parse",
  [cliKitOutput]: "output",
  [core("state/read-epoch.ts")]: "read-epoch",
  [core("state/schemas.ts")]: "state-schemas",
  [core("config/schema.ts")]: "config-schema",
  [core("storage/attach.ts")]: "attach",
};

/**
 * cli-kit's openStateDir imports core's index lazily, for an s3:// location. A lazy import of
 * core's index makes every export of core part of the bundle (esbuild keeps such an import even
 * where nothing calls openStateDir): pointed at the one module it uses, it costs nothing until
 * an s3:// location needs it.
 */
const isCliKitCoreImport = (args: { kind: string; importer: string; path: string }) =>
  args.kind === "dynamic-import" &&
  /[\\/]cli-kit[\\/]dist[\\/]/.test(args.importer) &&
  !args.path.startsWith("./");
const cliKitCoreStorage: Plugin = {
  name: "cli-kit-core-storage",
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      isCliKitCoreImport(args) ? { path: core("storage/attach.ts") } : undefined,
    );
  },
};

/** The prefix of a lazy import LAZY does not name, which the build then fails on. */
const UNNAMED = "./lazy/unnamed:";

/**
 * The obs-oracle entry is one file: the command line's fast path (fast-route.ts), the oracle and
 * the state reader, with cli-kit's config file reading inlined. What only unusual runs need
 * (yargs for anything fast-route.ts does not read, chalk for an error, zod for a state or config
 * file not as the writer writes it, the S3 client) is imported from the lazy build's files,
 * named in LAZY. A lazy import LAZY does not name fails the build rather than growing the entry
 * unnoticed (checked on the output: modules the bundle leaves out may import anything).
 */
const lazyFiles: Plugin = {
  name: "oracle-lazy-files",
  setup(build) {
    build.initialOptions.metafile = true;
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind !== "dynamic-import" || args.namespace !== "file") return undefined;
      if (args.path.startsWith("node:")) return undefined;
      // Core's index from cli-kit's openStateDir: the module cliKitCoreStorage names.
      if (isCliKitCoreImport(args)) return { path: "./lazy/attach.js", external: true };
      const found = await build.resolve(args.path, {
        kind: "import-statement",
        importer: args.importer,
        resolveDir: args.resolveDir,
      });
      if (found.namespace !== "file" || found.errors.length > 0) return undefined;
      const name = LAZY[found.path];
      // cli-kit's config file reading runs on every run: inlined.
      if (name === undefined && /[\\/]cli-kit[\\/]dist[\\/]config-\w+\.js$/.test(found.path))
        return undefined;
      return { path: name ? `./lazy/${name}.js` : `${UNNAMED}${found.path}`, external: true };
    });
    build.onEnd((result) => {
      const unnamed = Object.values(result.metafile?.outputs ?? {})
        .flatMap((o) => o.imports)
        .filter((i) => i.path.startsWith(UNNAMED))
        .map((i) => i.path.slice(UNNAMED.length));
      if (unnamed.length > 0)
        throw new Error(
          `obs-oracle's entry imports lazily ${unnamed.join(", ")}: name each in LAZY in packages/oracle/tsup.config.ts`,
        );
    });
  },
};

const CORE_FROM_SOURCE = {
  "@observatory/core/errors": "../core/src/errors-entry.ts",
  "@observatory/core/config": "../core/src/config-entry.ts",
  "@observatory/core": "../core/src/index.ts",
};

// The CLI bundles cli-kit (a dev dependency: routing code that installs the SDK gets no yargs),
// core (from its sources, so that the modules the oracle does not use are left out), zod and
// proper-lockfile: loading zod's hundred-odd files one by one cost obs-oracle route more than
// parsing one bundled chunk does.
const cli = (options: Options) =>
  pkgOptions({
    dts: false,
    clean: false,
    noExternal: ["@observatory/cli-kit", "@observatory/core", "zod", "proper-lockfile"],
    // proper-lockfile (CommonJS, bundled with core) requires node's built-ins at run time.
    banner: {
      js: 'import { createRequire as __obsCreateRequire } from "node:module"; const require = __obsCreateRequire(import.meta.url);',
    },
    ...options,
    esbuildOptions(o) {
      o.alias = CORE_FROM_SOURCE;
      o.chunkNames = "lazy/chunk-[hash]";
    },
  });

// The SDK ships ESM and CJS with types; the obs-oracle CLI is ESM only. The package's build
// empties dist first (tsup runs the three builds in parallel, so none cleans).
// The CLI is two builds. Its entry, dist/obs-oracle.js, is one file (see lazyFiles): routing
// scripts run `obs-oracle route` once per decision, and node loading a dozen chunks cost it more
// than parsing one file does. The lazy build, dist/lazy/, holds what the entry imports lazily.
export default [
  pkg({ format: ["esm", "cjs"], clean: false }),
  cli({
    entry: ["src/cli/obs-oracle.ts"],
    esbuildPlugins: [zodEnglishOnly, withoutPast, lazyFiles],
  }),
  cli({
    entry: Object.fromEntries(Object.entries(LAZY).map(([path, name]) => [`lazy/${name}`, path])),
    splitting: true,
    esbuildPlugins: [zodEnglishOnly, cliKitCoreStorage],
  }),
];
