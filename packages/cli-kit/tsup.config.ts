import { pkg } from "../../tsup.base.ts";

// yargs and chalk are bundled in: resolving their dozens of files one by one was most of a bin's
// --help time. cli-table3 (CommonJS) stays a dependency, loaded on the first table.
export default pkg({ noExternal: ["yargs", "chalk"] });
