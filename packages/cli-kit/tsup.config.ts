import { pkg } from "../../tsup.base.ts";

// yargs and chalk are bundled in: resolving their dozens of files one by one was most of a bin's
// --help time. cli-table3 (CommonJS) stays a dependency, loaded on the first table.
// prebuilt (the bins' --help/--version fast path) and prerender (the build step that renders
// them) are entries of their own: prebuilt must import nothing but node's built-ins. suggest
// (did-you-mean) is one too, for the umbrella bin, which must not load yargs to say it.
export default pkg({
  entry: ["src/index.ts", "src/prebuilt.ts", "src/prerender.ts", "src/suggest.ts"],
  noExternal: ["yargs", "chalk"],
});
