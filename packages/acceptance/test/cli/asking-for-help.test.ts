// Asking for help never runs the command: every form of asking (--help, -h, help, help <cmd>,
// <cmd> --help, --version), on every bin, prints and exits 0, with a provider configured and a
// state directory that must stay byte-identical: a v1 directory (obs-migrate would upgrade it)
// and a v2 one (obs-poll, obs-bench, obs-lock would commit to it). No provider is called.
import { copyV1Tree } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { BINS, type Bin } from "../../src/_support/bins.js";
import { treeHashes } from "../../src/_support/files.js";
import { world } from "../../src/_support/world.js";

const COMMON: string[][] = [["--help"], ["-h"], ["help"], ["--version"]];
const SUBCOMMANDS: Partial<Record<Bin, string[][]>> = {
  "obs-lock": [
    ["help", "export"],
    ["export", "--help"],
  ],
  "obs-oracle": [
    ["help", "route"],
    ["route", "--help"],
  ],
};

const asks = BINS.flatMap((bin) =>
  [...COMMON, ...(SUBCOMMANDS[bin] ?? [])].map((args) => ({ bin, args })),
);

describe("asking for help", () => {
  it.each([
    ["a v1 state directory", "v1"],
    ["a v2 state directory", "v2"],
  ] as const)(
    `${asks.length} ways of asking, on %s: help or version printed, exit 0, nothing touched`,
    {
      timeout: 180_000,
    },
    async (_label, kind) => {
      const w = await world({ scenario: { seed: 16 }, providers: ["openai", "mistral"] });
      if (kind === "v1") await copyV1Tree("fleet", w.stateDir);
      else expect((await w.run("obs-poll", ["--no-canary"])).code).toBe(0);
      const before = await treeHashes(w.stateDir);
      const calls = w.server.scenario.calls().length;

      for (let i = 0; i < asks.length; i += 4) {
        await Promise.all(
          asks.slice(i, i + 4).map(async ({ bin, args }) => {
            const r = await w.run(bin, args);
            const what = `${bin} ${args.join(" ")}: ${r.stderr.slice(-300)}`;
            expect(r.code, what).toBe(0);
            const printed = r.stdout + r.stderr;
            if (args.includes("--version")) expect(printed, what).toMatch(/\d+\.\d+\.\d+/);
            else expect(printed, what).toMatch(/usage|options|Usage|Options/);
          }),
        );
      }
      expect(await treeHashes(w.stateDir)).toEqual(before);
      expect(w.server.scenario.calls().length).toBe(calls);
    },
  );
});
