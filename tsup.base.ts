// The one build config every package reuses: `export default pkg({ entry: [...] })`.
import { defineConfig, type Options } from "tsup";

export function pkg(options: Options = {}) {
  return defineConfig(pkgOptions(options));
}

/** The shared options as a plain object, for a package that builds more than one config. */
export function pkgOptions(options: Options = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm"],
    target: "node20",
    platform: "node",
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: false,
    ...options,
  };
}
