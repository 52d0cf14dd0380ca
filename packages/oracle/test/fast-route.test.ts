// `obs-oracle route` lines read by hand (src/cli/fast-route.ts) against yargs' reading of the same
// line (src/cli/parse.ts): where the hand parse answers, it must answer exactly as yargs does;
// where it does not (help, errors, anything unusual), yargs decides. The start-up test at the end
// runs the built bin and checks the hand path really skips the parser.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runTracingLoads } from "@observatory/test-fixtures";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fastRoute } from "../src/cli/fast-route.js";
import { parseArgs } from "../src/cli/parse.js";
import { commitEpoch, model, tempStateDir } from "./state.js";

const BIN = fileURLToPath(new URL("../bin/obs-oracle.js", import.meta.url));

// Lines the hand parse must take (the common ones), each equal to yargs' reading.
const FAST: string[][] = [
  ["route"],
  ["route", "prefer=latency"],
  ["route", "context>=200k,prefer=latency"],
  ["route", "context>=200k", "prefer=latency", "provider=openai"],
  ["route", "--state-dir", "/srv/obs"],
  ["route", "--state-dir=/srv/obs", "cost<=mid"],
  ["route", "prefer=latency", "--min-calls", "1", "--state-dir", "/tmp/x"],
  ["route", "--min-calls=0"],
  ["route", "--min-calls", "007"],
  ["route", "--json", "--quiet"],
  ["route", "-q", "tools=yes"],
  ["route", "--verbose", "reliability>0.9"],
  ["route", "--modality", "image"],
  ["route", "--modality=embedding", "context>=8k"],
  ["route", "--drift-window", "24h", "--stale-after", "30m"],
  ["route", "--drift-window=never"],
  ["route", "drift>=HIGH", "deprecated=include", "expired=include", "calls>=10"],
];

// Lines it must leave to yargs: help, mistakes and anything it does not read itself.
const DEFERRED: string[][] = [
  [],
  ["list"],
  ["status", "openai/gpt-4o"],
  ["route", "--help"],
  ["route", "-h"],
  ["route", "help"],
  ["route", "--min-calls", "-1"],
  ["route", "--min-calls", "abc"],
  ["route", "--min-calls", "1.5"],
  ["route", "--min-calls", "1", "--min-calls", "2"],
  ["route", "--modality", "smell"],
  ["route", "--drift-window", "soon"],
  ["route", "--state-dir"],
  ["route", "--state-dir="],
  ["route", "--quiet", "--verbose"],
  ["route", "--jsn"],
  ["route", "--no-json"],
  ["route", "-v"],
  ["route", "--", "prefer=latency"],
  ["route", "42"],
  ["route", "--state-dir", "--json"],
];

describe("obs-oracle route read by hand", () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env["OBS_STATE_DIR"];
    process.env["OBS_STATE_DIR"] = "/from/env";
  });
  afterEach(() => {
    if (saved === undefined) delete process.env["OBS_STATE_DIR"];
    else process.env["OBS_STATE_DIR"] = saved;
  });

  it.each(FAST.map((a) => [a.join(" "), a]))("%s: as yargs reads it", async (_line, argv) => {
    const fast = fastRoute(argv);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(await parseArgs(argv));
  });

  it.each(DEFERRED.map((a) => [a.join(" ") || "(nothing)", a]))(
    "%s: left to yargs",
    (_line, argv) => {
      expect(fastRoute(argv)).toBeNull();
    },
  );

  it("yargs refuses the mistakes the hand parse leaves to it", async () => {
    for (const argv of DEFERRED.filter((a) => a[0] === "route" && a.length > 1)) {
      // Asking for help, and lines yargs reads fine that the hand parse does not know.
      if (["--help", "-h", "help", "--", "42", "--no-json"].includes(argv[1]!)) continue;
      await expect(parseArgs(argv), argv.join(" ")).rejects.toMatchObject({ exitCode: 2 });
    }
  });
});

describe("obs-oracle route start-up", () => {
  it("loads neither the argument parser nor yargs, and answers as the parsed line would", async () => {
    const dir = await tempStateDir();
    await commitEpoch(dir, { at: new Date(), providers: { openai: [model("gpt-4o")] } });
    const args = ["route", "--min-calls", "0", "--state-dir", dir];
    const fast = await runTracingLoads(BIN, args);
    expect(fast.code, fast.stderr).toBe(0);
    // One file of ours besides the prebuilt answers: the entry, with the oracle in it, and
    // nothing of the lazy build (yargs, chalk, zod, the S3 client).
    const ours = fast.loaded.filter((u) => u.includes("/oracle/dist/"));
    expect(ours.map((u) => u.replace(/^.*\/oracle\/dist\//, "")).sort()).toEqual([
      "obs-oracle.js",
      "prebuilt.js",
    ]);
    // Nor zod: a state as the writer writes it is read with hand checks (zod, bundled into the
    // lazy build, is loaded only for state that needs the full reader).
    const withZod = ours.filter((u) =>
      readFileSync(fileURLToPath(u), "utf8").includes('"$ZodType"'),
    );
    expect(withZod).toEqual([]);
    // The same line, spelled so the hand parse leaves it to yargs (--min-calls twice is a usage
    // error, so the spelling differs by a flag yargs reads the same: --min-calls=0).
    const parsed = await runTracingLoads(BIN, [
      "route",
      "--min-calls=0",
      "--state-dir",
      dir,
      "--no-verbose",
    ]);
    expect(parsed.code, parsed.stderr).toBe(0);
    expect(parsed.loaded.some((u) => u.endsWith("/oracle/dist/lazy/parse.js"))).toBe(true);
    expect(JSON.parse(parsed.stdout).model).toEqual(JSON.parse(fast.stdout).model);
  });
});
