import { pkg } from "../../tsup.base.ts";

// splitting: the entry's `await import("./execute.js")` stays a separate chunk, so --help and
// --version load cli-kit and core's errors entry only, not core's index or zod.
export default pkg({ entry: ["src/index.ts", "src/obs-migrate.ts"], splitting: true });
