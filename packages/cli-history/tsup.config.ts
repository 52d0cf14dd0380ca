import { pkg } from "../../tsup.base.ts";

// splitting: each bin's entry parses arguments with cli-kit alone; its command is a dynamic
// import that becomes a chunk of its own, loaded only when the command runs.
export default pkg({
  entry: ["src/index.ts", "src/obs-history.ts", "src/obs-diff.ts", "src/obs-events.ts"],
  splitting: true,
});
