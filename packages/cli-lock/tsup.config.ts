import { pkg } from "../../tsup.base.ts";

// splitting: each bin's entry parses arguments with cli-kit alone; its commands are dynamic
// imports that become chunks of their own, loaded only when a command runs.
export default pkg({
  entry: ["src/index.ts", "src/obs-lock.ts", "src/obs-check.ts"],
  splitting: true,
});
