// A one-value flag given twice, through the real bins: a usage error naming the flag, before
// any state directory is touched (it used to be an internal error from a path that was an array).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { type Bin, harness } from "./harness.js";

it("--state-dir given twice is a usage error (2) in every tool, and nothing is written", async () => {
  // A configured provider: obs-poll would commit an epoch if it got past its flags.
  const h = await harness({ seed: 1 }, ["openai"]);
  const other = join(h.root, "other");
  const runs: Array<[Bin, ...string[]]> = [
    ["obs-poll", "--no-canary"],
    ["obs-lock", "--list"],
    ["obs-check", "--all"],
    ["obs-migrate"],
  ];
  for (const [bin, ...args] of runs) {
    // The harness gives --state-dir <stateDir> first; this is the second.
    const r = await h.run(bin, ["--state-dir", other, ...args]);
    expect({ bin, code: r.code, stderr: r.stderr }).toEqual({
      bin,
      code: 2,
      stderr: `${bin}: error: --state-dir given twice (${h.stateDir}, ${other}): give it once\nhint: run ${bin} --help\n`,
    });
  }
  expect([existsSync(h.stateDir), existsSync(other)]).toEqual([false, false]);
});

it("a flag the tool declares is covered too: obs-check --epoch twice", async () => {
  const h = await harness({ seed: 1 }, ["openai"]);
  const r = await h.run("obs-check", ["--all", "--epoch", "1", "--epoch", "2"]);
  expect([r.code, r.stderr]).toEqual([
    2,
    "obs-check: error: --epoch given twice (1, 2): give it once\nhint: run obs-check --help\n",
  ]);
});
