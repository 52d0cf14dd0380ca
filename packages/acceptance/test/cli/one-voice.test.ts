// One voice across the bins: the same situation reads the same and exits the same in every tool.
// A v1 state directory: "run obs-migrate", exit 2 (all but obs-migrate itself). No state at all:
// "no state at <dir>", exit 2, and nothing created. A mistyped flag: exit 2 with the nearest
// flag. Every error is `<tool>: error: <what>` with a `hint:` line, and every help page ends with
// at least two examples.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { copyV1Tree } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { BINS, type Bin } from "../../src/_support/bins.js";
import { tempRoot } from "../../src/_support/cleanup.js";
import { treeHashes } from "../../src/_support/files.js";
import { type Ended, run } from "../../src/_support/process.js";

/** A command of each tool that needs state to do anything. */
const NEEDS_STATE: Array<[Bin, ...string[]]> = [
  ["obs-bench"],
  ["obs-lock", "paper-1"],
  ["obs-lock", "--list"],
  ["obs-lock", "export", "paper-1"],
  ["obs-check", "--all"],
  ["obs-oracle"],
  ["obs-oracle", "route"],
  ["obs-oracle", "list"],
  ["obs-dash"],
  ["obs-history", "openai/gpt-4o"],
  ["obs-diff", "7d"],
  ["obs-events", "--since", "7d"],
  ["obs-report"],
];
/** Every tool that refuses a v1 directory (obs-migrate is the one that upgrades it). */
const REFUSE_V1: Array<[Bin, ...string[]]> = [["obs-poll", "--no-canary"], ...NEEDS_STATE];

/** The error as printed: `<tool>: error: <what>` then `hint: <hint>`. */
function expectError(r: Ended, bin: Bin, what: RegExp, hint: RegExp): void {
  const label = `${bin}: ${r.stderr}`;
  const lines = r.stderr.trimEnd().split("\n");
  const at = lines.findIndex((l) => l.startsWith(`${bin}: error: `));
  expect(at, label).toBeGreaterThanOrEqual(0);
  expect(lines[at], label).toMatch(what);
  expect(lines[at + 1], label).toMatch(/^hint: /);
  expect(lines[at + 1], label).toMatch(hint);
  expect(r.stderr, label).not.toMatch(/internal error|\n\s+at /);
}

const env = {
  OPENAI_API_KEY: "sk-test-0000000000000000000000",
  OBS_OPENAI_BASE_URL: "http://127.0.0.1:9",
};

describe("one voice", () => {
  it.each(NEEDS_STATE)(
    "%s %s on a directory that does not exist: no state, exit 2, nothing created",
    async (bin, ...args) => {
      const cwd = await tempRoot();
      const stateDir = join(cwd, "state");
      const r = await run(bin, ["--state-dir", stateDir, ...args], { cwd, env });
      expectError(r, bin, /no state at .*state/, /obs-poll/);
      expect(r.code).toBe(2);
      expect(await readdir(cwd)).toEqual([]);
      // Without --state-dir: ./state is not created either.
      const plain = await run(bin, args, { cwd, env });
      expect(plain.code, plain.stderr).toBe(2);
      expect(await readdir(cwd)).toEqual([]);
    },
  );

  it.each(REFUSE_V1)(
    "%s %s on a v1 directory: run obs-migrate, exit 2, nothing changed",
    async (bin, ...args) => {
      const stateDir = join(await tempRoot(), "state");
      await copyV1Tree("fleet", stateDir);
      const before = await treeHashes(stateDir);
      const r = await run(bin, ["--state-dir", stateDir, ...args], { env });
      expectError(r, bin, /v1 state directory/, /obs-migrate --state-dir/);
      expect(r.code).toBe(2);
      expect(await treeHashes(stateDir)).toEqual(before);
    },
  );

  it("obs-migrate on a directory with no state says what it expected, exit 2", async () => {
    const cwd = await tempRoot();
    const r = await run("obs-migrate", ["--state-dir", join(cwd, "nothing")], { cwd, env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^obs-migrate: error: /m);
    expect(await readdir(cwd)).toEqual([]);
  });

  it.each(BINS)("%s: a mistyped flag is a usage error naming the nearest flag", async (bin) => {
    const cwd = await tempRoot();
    const r = await run(bin, ["--verbos"], { cwd, env });
    expectError(r, bin, /verbos/, /did you mean --verbose\?/);
    expect(r.code).toBe(2);
    expect(await readdir(cwd)).toEqual([]);
  });

  it.each(BINS)(
    "%s: the help of the tool and of each of its commands ends with examples",
    async (bin) => {
      const pages: Array<[string[], string]> = [];
      const top = await run(bin, ["--help"]);
      pages.push([["--help"], top.stdout]);
      for (const cmd of commandsIn(top.stdout, bin)) {
        const r = await run(bin, [cmd, "--help"]);
        expect(r.code, `${bin} ${cmd} --help: ${r.stderr}`).toBe(0);
        pages.push([[cmd, "--help"], r.stdout]);
      }
      for (const [args, text] of pages) {
        const examples = examplesIn(text, bin);
        expect(examples.length, `${bin} ${args.join(" ")}:\n${text}`).toBeGreaterThanOrEqual(2);
      }
    },
  );
});

/** Subcommand names listed under "Commands:" (yargs writes "obs-lock export <name>"). */
function commandsIn(help: string, bin: Bin): string[] {
  const section = /^Commands:\n([\s\S]*?)(?:\n\n|$)/m.exec(help)?.[1] ?? "";
  return section
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .map((words) => (words[0] === bin ? words[1] : words[0]))
    .filter((w): w is string => w !== undefined && /^[a-z][a-z-]*$/.test(w));
}

/** The lines of the "Examples:" section that run the tool. */
function examplesIn(help: string, bin: Bin): string[] {
  const section = /^Examples:\n([\s\S]*?)(?:\n\n|(?![\s\S]))/m.exec(help)?.[1] ?? "";
  return section.split("\n").filter((l) => l.trim().startsWith(bin));
}
