import { pkg } from "../../tsup.base.ts";

// splitting: the entry modules load the run with import(); without it esbuild inlines the run
// into each entry and --help would load providers, undici and zod before parsing a flag.
export default pkg({
  entry: ["src/index.ts", "src/obs-poll.ts", "src/obs-bench.ts"],
  splitting: true,
});
