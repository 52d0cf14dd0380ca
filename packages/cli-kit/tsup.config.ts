import { defineConfig } from "tsup";
import { pkgOptions } from "../../tsup.base.ts";

// yargs and chalk are bundled in: resolving their dozens of files one by one was most of a bin's
// --help time. cli-table3 (CommonJS) stays a dependency, loaded on the first table.
// suggest (did-you-mean) is an entry of its own, for the umbrella bin, which must not load yargs
// to say it, and light (runMain, the state dir) for a bin's hand-parsed fast path; they share code
// with the main entry through chunks. prebuilt (the bins' --help/--version fast path) is built
// alone, without chunks: prerender (the build step that renders the help) copies that one file
// into each bin's dist, and it must import nothing but node's built-ins.
// Each config cleans only its own files: tsup runs the two at once.
export default defineConfig([
  pkgOptions({
    entry: ["src/index.ts", "src/light.ts", "src/suggest.ts", "src/prerender.ts"],
    noExternal: ["yargs", "chalk"],
    splitting: true,
    clean: ["index.*", "light.*", "suggest.*", "prerender.*", "chunk-*"],
  }),
  pkgOptions({ entry: ["src/prebuilt.ts"], clean: ["prebuilt.*"] }),
]);
