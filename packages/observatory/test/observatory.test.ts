// The umbrella bin as a user meets it: its own help, version and mistakes, and each command
// behaving exactly as the obs-* tool it names (same output, same exit code), polling included.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type FixtureServer,
  fixtureEnv,
  runNodeScript,
  startFixtureServer,
} from "@observatory/test-fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../src/commands.js";

const BIN = join(import.meta.dirname, "../bin/observatory.js");
const TOOL_BIN = (pkgDir: string, bin: string) =>
  join(import.meta.dirname, "../../", pkgDir, "bin", `${bin}.js`);
const PKG_DIRS: Record<string, string> = {
  "@observatory/cli-poll": "cli-poll",
  "@observatory/cli-lock": "cli-lock",
  "@observatory/migrate-v1": "migrate-v1",
  "@observatory/oracle": "oracle",
  "@observatory/dash": "dash",
  "@observatory/cli-history": "cli-history",
  "@observatory/report": "report",
};

let server: FixtureServer;
let dir: string;
beforeAll(async () => {
  server = await startFixtureServer();
  dir = await mkdtemp(join(tmpdir(), "observatory-umbrella-"));
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("observatory", () => {
  it("--help lists every command with one line each, and examples", async () => {
    const r = await runNodeScript(BIN, ["--help"]);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c.name} .*${c.bin}`, "m"));
    expect(r.stdout).toMatch(/Examples:\n( {2}observatory .*\n){2,}/);
    for (const line of r.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
  });

  it("--version prints the package's version", async () => {
    const pkg = JSON.parse(await readFile(join(import.meta.dirname, "../package.json"), "utf8"));
    const r = await runNodeScript(BIN, ["--version"]);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it("no command: the help on stderr, exit 2", async () => {
    const r = await runNodeScript(BIN, []);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^observatory <command>/);
  });

  it.each([
    ["pol", /did you mean "poll"\?/],
    ["obs-lock", /did you mean "lock"\?/],
    ["xyzzy", /observatory --help/],
  ])("an unknown command %s: error, hint, exit 2", async (typed, hint) => {
    const r = await runNodeScript(BIN, [typed, "--json"]);
    expect(r.code).toBe(2);
    const [error, hintLine] = r.stderr.split("\n");
    expect(error).toBe(`observatory: error: unknown command "${typed}"`);
    expect(hintLine).toMatch(/^hint: /);
    expect(hintLine).toMatch(hint);
  });

  it("an option before the command: error, exit 2", async () => {
    const r = await runNodeScript(BIN, ["--json", "poll"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^observatory: error: unknown option "--json"\nhint: .*after the command/,
    );
  });

  it.each(COMMANDS.map((c) => [c.name, c]))(
    "%s --help and a mistyped flag: what the tool itself prints, with its exit code",
    async (_, c) => {
      const tool = TOOL_BIN(PKG_DIRS[c.pkg] ?? "", c.bin);
      for (const args of [["--help"], ["--state-dir", join(dir, "none"), "--bogus-flag"]]) {
        const env = { OBS_NO_PREBUILT: "1" };
        const [via, direct] = await Promise.all([
          runNodeScript(BIN, [c.name, ...args], { env }),
          runNodeScript(tool, args, { env }),
        ]);
        expect({ code: via.code, stdout: via.stdout, stderr: via.stderr }).toEqual({
          code: direct.code,
          stdout: direct.stdout,
          stderr: direct.stderr,
        });
      }
    },
  );

  it("help COMMAND is COMMAND --help", async () => {
    const [a, b] = await Promise.all([
      runNodeScript(BIN, ["help", "check"]),
      runNodeScript(BIN, ["check", "--help"]),
    ]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it("poll commits an epoch against the fixture server; obs-bench is the bench command", async () => {
    const stateDir = join(dir, "state");
    const trace = join(dir, "env.txt");
    const r = await runNodeScript(
      BIN,
      ["poll", "--state-dir", stateDir, "--no-canary", "--providers", "openai", "--json"],
      {
        env: {
          ...fixtureEnv(server, ["openai"]),
          // Records what the tool saw in OBS_BENCH_COMMAND, as the process ends.
          NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(
            `import{writeFileSync}from"node:fs";process.on("exit",()=>writeFileSync(${JSON.stringify(trace)},process.env.OBS_BENCH_COMMAND??""))`,
          )}`,
        },
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const types = r.records.map((rec) => rec["type"]);
    expect(types).toContain("EPOCH_COMMITTED");
    expect(types.at(-1)).toBe("RUN");
    expect(await readFile(trace, "utf8")).toBe(TOOL_BIN("cli-poll", "obs-bench"));
  });
});
