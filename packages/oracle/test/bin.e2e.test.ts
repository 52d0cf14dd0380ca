// The built obs-oracle as a user runs it: help and version, usage errors in the one voice of the
// obs-* tools, state it cannot use, the JSON records (parsed with the schemas docs/schemas is
// generated from), --quiet and --verbose, and a reader that goes away.
import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { copyV1Tree } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { FILTER_HELP } from "../src/index.js";
import { PRINTED_RECORDS, RouteRecordSchema } from "../src/records.js";
import { type NodeRun, runNode } from "./node.js";
import { calls, commitEpoch, model, tempStateDir } from "./state.js";

const BIN = fileURLToPath(new URL("../bin/obs-oracle.js", import.meta.url));
const VERSION = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"))
  .version as string;

async function oracle(args: string[], cwd?: string): Promise<NodeRun> {
  return runNode([BIN, ...args], { cwd: cwd ?? dirname(BIN) });
}

/** The error as every obs-* tool prints it: `obs-oracle: error: <what>`, then `hint: <hint>`. */
function expectError(r: NodeRun, code: number, what: RegExp, hint: RegExp): void {
  const lines = r.stderr.trimEnd().split("\n");
  expect(r.code, r.stderr).toBe(code);
  expect(lines[0], r.stderr).toMatch(/^obs-oracle: error: /);
  expect(lines[0], r.stderr).toMatch(what);
  expect(lines[1], r.stderr).toMatch(/^hint: /);
  expect(lines[1], r.stderr).toMatch(hint);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.stdout).toBe("");
}

/** The lines of the "Examples:" section that run obs-oracle. */
function examples(help: string): string[] {
  const section = /(?:^|\n)Examples:\n([\s\S]*?)(?:\n\n|$)/.exec(help)?.[1] ?? "";
  return section.split("\n").filter((l) => l.trim().startsWith("obs-oracle"));
}

// As the OpenRouter adapter records architecture.input_modalities / output_modalities.
const LYRIA = model("google/lyria-3-pro-preview", {
  context_length: 1_048_576,
  pricing: { prompt: "0", completion: "0" },
  capabilities: ["input:image", "input:text", "output:audio", "output:text", "vision"],
});
const LLAMA = model("meta-llama/llama-3.1-8b-instruct", {
  pricing: { prompt: "0", completion: "0" },
  capabilities: ["input:text", "output:text", "tools"],
});

/** An epoch at a fixed past time (so it is stale): one canary call each, gpt-4o well measured. */
async function state(): Promise<string> {
  const dir = await tempStateDir();
  await commitEpoch(dir, {
    at: new Date("2026-06-01T00:00:00.000Z"),
    providers: { openrouter: [LYRIA, LLAMA], openai: [model("gpt-4o")] },
    calls: [
      ...calls("openrouter", LYRIA.id, 1),
      ...calls("openrouter", LLAMA.id, 1),
      ...calls("openai", "gpt-4o", 8),
    ],
  });
  return dir;
}

describe("obs-oracle --help and --version", () => {
  it("has a usage line, the commands, an option table, examples and the exit codes", async () => {
    const r = await oracle(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^obs-oracle \[command\] \[options\]\n/);
    for (const cmd of ["route [filter..]", "status <key>", "healthy <key>", "list", "policy"])
      expect(r.stdout).toContain(`obs-oracle ${cmd}`);
    for (const flag of ["--state-dir", "--json", "--quiet", "--verbose", "--min-calls"])
      expect(r.stdout).toMatch(new RegExp(`^ +(-q, )?${flag} `, "m"));
    expect(examples(r.stdout).length).toBeGreaterThanOrEqual(2);
    expect(r.stdout).toMatch(/Exit codes: 0 ok; 1 route found no model.*\n.*v1 state directory/);
  });

  it.each(["route", "status", "healthy", "list", "policy"])(
    "$0 --help ends with examples, and help $0 says the same",
    async (cmd) => {
      const [flag, word] = await Promise.all([oracle([cmd, "--help"]), oracle(["help", cmd])]);
      expect(flag.code).toBe(0);
      expect(examples(flag.stdout).length, flag.stdout).toBeGreaterThanOrEqual(2);
      expect(flag.stdout).toMatch(/Exit codes: 0 /);
      expect(word.stdout).toBe(flag.stdout);
    },
  );

  it("route --help lists every filter term the parser knows, and --modality", async () => {
    const r = await oracle(["route", "--help"]);
    for (const term of FILTER_HELP) expect(r.stdout).toContain(`- ${term}`);
    expect(r.stdout).toMatch(/--modality +What the model must give out: text, image, audio, video/);
  });

  it("--version prints the package version and nothing else", async () => {
    const r = await oracle(["--version"]);
    expect(r).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });
});

describe("obs-oracle usage errors", () => {
  it.each([
    [["--verbos"], /Unknown argument: --verbos$/m, /did you mean --verbose\?/],
    [
      ["route", "--min-calls", "abc"],
      /--min-calls must be a whole number of calls >= 0, got "abc"/,
      /--help/,
    ],
    [
      ["route", "--min-calls", "-1"],
      /--min-calls must be a whole number of calls >= 0, got -1/,
      /--help/,
    ],
    [
      ["route", "--modality", "music"],
      /--modality must be one of text, image, audio, video, embedding, any, got "music"/,
      /--help/,
    ],
    [
      ["route", "--drift-window", "soon"],
      /--drift-window must be a duration like .*, got "soon"/,
      /--help/,
    ],
    [
      ["list", "--by", "speed"],
      /--by must be one of reliability, latency, context, cost, got "speed"/,
      /--help/,
    ],
    [["route", "--by", "cost"], /Unknown argument: --by$/m, /--help/],
    [["status"], /Not enough non-option arguments/, /--help/],
    [["status", "a/b", "c/d"], /Unknown argument: c\/d/, /--help/],
    [["policy", "other"], /there is one policy, "default"; got "other"/, /--help/],
    [["--quiet", "--verbose"], /mutually exclusive/, /--help/],
    [["list", "--state-dir", "a", "--state-dir", "b"], /--state-dir given twice/, /./],
  ])("%j", async (args, what, hint) => {
    const cwd = dirname(await tempStateDir());
    await mkdir(cwd, { recursive: true });
    const r = await oracle(args, cwd);
    expectError(r, 2, what, hint);
    expect(await readdir(cwd)).toEqual([]);
  });

  it("a bad filter term is named, and --modality with modality= is refused", async () => {
    const dir = await state();
    expectError(
      await oracle(["route", "relability>0.9", "--state-dir", dir]),
      2,
      /bad filter term "relability>0.9": unknown field "relability"/,
      /terms are comma-separated/,
    );
    expectError(
      await oracle(["route", "modality=image", "--modality", "audio", "--state-dir", dir]),
      2,
      /--modality and the filter term modality= both given/,
      /give the modality once/,
    );
  });
});

describe("obs-oracle on state it cannot use", () => {
  it.each([[[]], [["route"]], [["list"]], [["healthy", "openai/gpt-4o"]]])(
    "%j where nothing was polled: no state, exit 2, nothing created",
    async (args) => {
      const cwd = dirname(await tempStateDir());
      await mkdir(cwd, { recursive: true });
      const stateDir = join(cwd, "state");
      expectError(
        await oracle(["--state-dir", stateDir, ...args], cwd),
        2,
        new RegExp(`no state at ${stateDir} \\(the directory does not exist\\)`),
        /run obs-poll --state-dir/,
      );
      // Without --state-dir: ./state, and it is not created either.
      expectError(await oracle(args, cwd), 2, /no state at .*state/, /obs-poll/);
      expect(await readdir(cwd)).toEqual([]);
    },
  );

  it("a v1 state directory: run obs-migrate, exit 2", async () => {
    const dir = await tempStateDir();
    await copyV1Tree("fleet", dir);
    expectError(
      await oracle(["route", "--state-dir", dir]),
      2,
      /is a v1 state directory \(found /,
      new RegExp(`upgrade it first: obs-migrate --state-dir ${dir}`),
    );
  });

  it("state whose epochs cannot be read: exit 5", async () => {
    const dir = await state();
    await rm(join(dir, "epochs"), { recursive: true });
    expectError(await oracle(["route", "--state-dir", dir]), 5, /no usable epoch/, /obs-poll/);
  });
});

describe("obs-oracle records", () => {
  it.each([
    [["route", "--min-calls", "1"], "ORACLE_ROUTE", 0],
    [["route"], "ORACLE_ROUTE", 0],
    [["route", "calls>=100"], "ORACLE_ROUTE", 1],
    [["status", "openai/gpt-4o"], "ORACLE_STATUS", 0],
    [["healthy", `openrouter/${LYRIA.id}`], "ORACLE_STATUS", 1],
    [["list", "--by", "context"], "ORACLE_LIST", 0],
    [["policy"], "ORACLE_POLICY", 0],
    [[], "ORACLE_SUMMARY", 0],
  ] as const)("%j prints one %s record that matches its schema", async (args, type, code) => {
    const r = await oracle([...args, "--state-dir", await state()]);
    expect(r.code, r.stderr).toBe(code);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!);
    expect(record).toMatchObject({ type, version: 1 });
    PRINTED_RECORDS[type].parse(record);
  });
});

describe("obs-oracle route: evidence and modality", () => {
  it("needs five calls by default, and routes text chat unless asked for another modality", async () => {
    const dir = await state();
    const route = async (...args: string[]) => {
      const r = await oracle(["route", ...args, "--state-dir", dir]);
      return { code: r.code, record: RouteRecordSchema.parse(JSON.parse(r.stdout)) };
    };
    // One lucky canary call is not evidence: only gpt-4o, with 8 calls, is routable.
    const byDefault = await route("prefer=cost");
    expect(byDefault.record.model?.key).toBe("openai/gpt-4o");
    expect(byDefault.record.excluded.TOO_FEW_CALLS).toBe(2);
    // With one call enough, the free music model would win on cost; text chat leaves it out.
    const one = await route("prefer=cost", "--min-calls", "1");
    expect(one.record.model?.key).toBe(`openrouter/${LLAMA.id}`);
    expect(one.record.excluded.MODALITY).toBe(1);
    expect((await route("--min-calls", "1", "--modality", "audio")).record.model?.key).toBe(
      `openrouter/${LYRIA.id}`,
    );
    expect((await route("calls>=1,modality=audio")).record.model?.key).toBe(
      `openrouter/${LYRIA.id}`,
    );
    const none = await route("--modality", "image", "--min-calls", "1");
    expect(none.code).toBe(1);
    expect(none.record).toMatchObject({ model: null, excluded: { MODALITY: 3 } });
  });
});

describe("obs-oracle --quiet, --verbose and pipes", () => {
  it("--quiet drops the stale-epoch warning, --verbose adds what was read; stdout is the same", async () => {
    const dir = await state();
    const run = (...flags: string[]) => oracle(["route", ...flags, "--state-dir", dir]);
    const [normal, quiet, verbose] = await Promise.all([run(), run("--quiet"), run("--verbose")]);
    expect(normal.stderr).toMatch(
      /^obs-oracle: warning: epoch .* old; is obs-poll still running\?$/m,
    );
    expect(quiet.stderr).toBe("");
    expect(verbose.stderr).toContain(normal.stderr);
    expect(verbose.stderr).toMatch(/^obs-oracle: read epoch .* in \d+ ms; answered in/m);
    // The same record, but for the epoch's age at the moment of each answer.
    const ageless = (s: string) => ({
      ...JSON.parse(s),
      epoch: { ...JSON.parse(s).epoch, ageMs: 0 },
    });
    expect(ageless(quiet.stdout)).toEqual(ageless(normal.stdout));
    expect(ageless(verbose.stdout)).toEqual(ageless(normal.stdout));
  });

  it("exits quietly when the reader of stdout goes away (list | head -c 100)", async () => {
    const dir = await tempStateDir();
    // A list record far larger than a pipe's buffer.
    const ids = Array.from({ length: 600 }, (_, i) => `model-${String(i).padStart(4, "0")}`);
    await commitEpoch(dir, {
      providers: { openai: ids.map((id) => model(id)) },
      calls: ids.flatMap((id) => calls("openai", id, 5)),
    });
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, "list", "--state-dir", dir], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (d) => {
        stderr += d;
      });
      child.stdout.once("data", () => child.stdout.destroy());
      child.on("close", (code) => resolve({ code, stderr }));
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});

describe("obs-oracle's thresholds from observatory.config.json and the environment", () => {
  it("oracle.minCalls in the file routes on fewer calls; a flag or variable wins over it", async () => {
    const cwd = await tempStateDir();
    const stateDir = join(cwd, "state");
    await commitEpoch(stateDir, {
      providers: { openai: [model("gpt-4o")] },
      calls: calls("openai", "gpt-4o", 2, 300),
    });
    const route = (args: string[], env: Record<string, string> = {}) =>
      runNode([BIN, "route", ...args], { cwd, env });
    // Two measured calls: below the default of five.
    expect((await route([])).code).toBe(1);
    await writeFile(
      join(cwd, "observatory.config.json"),
      JSON.stringify({ stateDir: "state", oracle: { minCalls: 2 } }),
    );
    const viaFile = await route([]);
    expect(viaFile.code, viaFile.stderr).toBe(0);
    expect(JSON.parse(viaFile.stdout).model.key).toBe("openai/gpt-4o");
    expect((await route([], { OBS_MIN_CALLS: "3" })).code).toBe(1);
    expect((await route(["--min-calls", "3"])).code).toBe(1);
    const bad = await route([], { OBS_MIN_CALLS: "few", OBS_DRIFT_WINDOW: "1w" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('OBS_MIN_CALLS must be a whole number of calls >= 0, got "few"');
    const window = await route([], { OBS_DRIFT_WINDOW: "1w" });
    expect(window.code).toBe(2);
    expect(window.stderr).toContain("OBS_DRIFT_WINDOW must be a duration like");
  });
});
