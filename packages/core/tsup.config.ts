import { defineConfig } from "tsup";
import { pkgOptions } from "../../tsup.base.ts";

// dist is emptied by the build script, not by tsup: the two builds run at once.
// ESM: the main entry and the light `errors` entry share their code in chunks (one ObsError
// class). CJS (require() users of the SDK) gets the main entry only.
export default defineConfig([
  pkgOptions({
    entry: ["src/index.ts", "src/errors-entry.ts", "src/config-entry.ts"],
    format: ["esm"],
    splitting: true,
    clean: false,
  }),
  pkgOptions({ format: ["cjs"], clean: false }),
]);
