// Start-up: asking a bin for its help or version alone prints what the build rendered and loads
// no argument parser; through the parser (a narrow terminal), it loads the parser and nothing
// else of weight. The time this saves is a benchmark figure (`pnpm bench`, "start-up"); what is asserted
// here is the cause, which does not depend on how busy the machine is: no schema library, HTTP
// client, state code, table renderer or terminal UI is loaded to print a usage text.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { loadedNames, TRACE_LOADS } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { BINS, type Bin } from "../../src/_support/bins.js";
import { tempRoot } from "../../src/_support/cleanup.js";
import { start } from "../../src/_support/process.js";

/** What a usage text never needs. core/index.js is all of core; core/errors-entry.js is allowed. */
const HEAVY = [
  "zod",
  "undici",
  "react",
  "ink",
  "cli-table3",
  "proper-lockfile",
  "core/index.js",
  "providers/",
  "notify/",
  "cli-poll/index.js",
];

async function loaded(
  bin: Bin,
  args: string[],
  env: Record<string, string> = {},
): Promise<string[]> {
  const file = join(await tempRoot(), "loaded.txt");
  const r = await start(bin, args, {
    env: { OBS_LOAD_TRACE: file, NODE_OPTIONS: `--import=${TRACE_LOADS}`, ...env },
  }).ended;
  expect(r.code, `${bin} ${args.join(" ")}: ${r.stderr}`).toBe(0);
  return loadedNames((await readFile(file, "utf8")).split("\n"));
}

const CASES = BINS.flatMap((bin) => [["--help"], ["--version"]].map((args) => ({ bin, args })));

describe("start-up", () => {
  it.each(CASES)(
    "$bin $args prints the build's rendering and loads no argument parser",
    async ({ bin, args }) => {
      const files = await loaded(bin, args);
      expect(files.some((f) => f.endsWith("/prebuilt.js"))).toBe(true);
      // Neither cli-kit nor the bin's own entry module (where the oracle bundles cli-kit).
      const parser = files.filter((f) => f.startsWith("cli-kit/") || f.endsWith(`/${bin}.js`));
      expect(parser, `${bin} ${args.join(" ")} loaded: ${files.join(" ")}`).toEqual([]);
    },
  );

  // The same requests through yargs (a terminal under 100 columns, or OBS_NO_PREBUILT=1).
  it.each(CASES)(
    "$bin $args through the argument parser loads nothing heavy",
    async ({ bin, args }) => {
      const files = await loaded(bin, args, { OBS_NO_PREBUILT: "1" });
      // The trace works: the bin's own entry is in it.
      expect(files.some((f) => f.endsWith(`/${bin}.js`))).toBe(true);
      const heavy = files.filter((f) => HEAVY.some((h) => f === h || f.startsWith(h)));
      expect(heavy, `${bin} ${args.join(" ")} loaded: ${files.join(" ")}`).toEqual([]);
    },
  );
});
