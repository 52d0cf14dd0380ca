// Build step of every tool package, after tsup: `node node_modules/@observatory/cli-kit/dist/prerender.js
// obs-poll obs-bench`. Runs each bin's `--help` and `--version` through yargs (OBS_NO_PREBUILT=1,
// stdout a pipe, so help wraps at 100 columns) and writes the output to dist/prebuilt/, and copies
// the fast path (prebuilt.js) into dist, where the bin scripts import it.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const bins = process.argv.slice(2);
if (bins.length === 0) {
  console.error("usage: prerender.js BIN... (run in a tool package after tsup)");
  process.exit(2);
}
const dist = join(process.cwd(), "dist");
mkdirSync(join(dist, "prebuilt"), { recursive: true });
copyFileSync(
  join(dirname(fileURLToPath(import.meta.url)), "prebuilt.js"),
  join(dist, "prebuilt.js"),
);
for (const bin of bins) {
  for (const [flag, suffix] of [
    ["--help", "help"],
    ["--version", "version"],
  ] as const) {
    const r = spawnSync(process.execPath, [join("bin", `${bin}.js`), flag], {
      env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", OBS_NO_PREBUILT: "1" },
      encoding: "utf8",
    });
    if (r.status !== 0 || r.stdout === "") {
      console.error(`prerender: ${bin} ${flag} exited ${r.status}: ${r.stderr}`);
      process.exit(1);
    }
    writeFileSync(join(dist, "prebuilt", `${bin}.${suffix}.txt`), r.stdout);
  }
}
