import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ObsError } from "@observatory/core/errors";
import { describe, expect, it } from "vitest";
import { baseCli, flagWritten, verbosity } from "./cli.js";
import { allowed, numberOption } from "./numbers.js";
import { closest } from "./suggest.js";

/** What a bin's main sees when the command line is refused: the ObsError yargs' fail handler threw. */
async function refused(
  argv: string[],
  build: (argv: string[]) => { parseAsync(): Promise<unknown> } = tool,
): Promise<ObsError> {
  const e = await (async () => build(argv).parseAsync())().then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ObsError);
  expect((e as ObsError).exitCode).toBe(2);
  return e as ObsError;
}

function tool(argv: string[]) {
  return baseCli("obs-x", "1.0.0", argv)
    .option("timeout", numberOption("timeout", { describe: "t", above: 0, unit: "seconds" }))
    .option("canary-max", numberOption("canary-max", { describe: "c", min: 0, integer: true }))
    .option("share", numberOption("share", { describe: "s", min: 0, max: 1 }))
    .option("limit", { type: "number", describe: "plain yargs number" })
    .option("canary", { type: "boolean", default: true })
    .option("benchmark", { type: "boolean" });
}

describe("numeric flags", () => {
  it("refuse what is not a number, naming the flag, what it got and what it allows", async () => {
    expect((await refused(["--timeout", "abc"])).message).toBe(
      '--timeout must be a number of seconds > 0, got "abc"',
    );
    expect((await refused(["--timeout=-5"])).message).toBe(
      "--timeout must be a number of seconds > 0, got -5",
    );
    expect((await refused(["--timeout", "-5"])).message).toBe(
      "--timeout must be a number of seconds > 0, got -5",
    );
    expect((await refused(["--canary-max", "2.5"])).message).toBe(
      "--canary-max must be a whole number >= 0, got 2.5",
    );
    expect((await refused(["--share", "2"])).message).toBe(
      "--share must be a number from 0 to 1, got 2",
    );
    expect((await refused(["--timeout", "Infinity"])).message).toContain("got Infinity");
  });

  it("refuse a non-number for a plain type: number option too", async () => {
    expect((await refused(["--limit", "ten"])).message).toBe('--limit must be a number, got "ten"');
  });

  it("accept what is allowed, and leave unwritten ones to their defaults", async () => {
    const args = await tool(["--timeout", "0.5", "--canary-max", "0", "--share=1"]).parseAsync();
    expect([args.timeout, args["canary-max"], args.share, args.limit]).toEqual([
      0.5,
      0,
      1,
      undefined,
    ]);
  });

  it("say what they allow in one phrase", () => {
    expect(allowed({ describe: "", integer: true, min: 1, max: 100, unit: "models" })).toBe(
      "a whole number of models from 1 to 100",
    );
    expect(allowed({ describe: "", above: 0, max: 60 })).toBe("a number > 0 and <= 60");
  });
});

describe("did you mean", () => {
  it("suggests the declared flag a typo is nearest to", async () => {
    const e = await refused(["--cannary"]);
    expect(e.message).toBe("Unknown argument: --cannary");
    expect(e.hint).toBe("did you mean --canary? (obs-x --help lists every option)");
    expect((await refused(["--no-cannary"])).hint).toContain("did you mean --no-canary?");
    expect((await refused(["--benchamrk"])).hint).toContain("did you mean --benchmark?");
    expect((await refused(["--state-dri", "s"])).hint).toContain("did you mean --state-dir?");
  });

  it("names each unknown flag once, as typed (yargs adds a camelCase twin for a-b flags)", async () => {
    expect((await refused(["--state-dri", "s"])).message).toBe("Unknown argument: --state-dri");
    expect((await refused(["--dry-rn", "--fooBar", "--no-x-y"])).message).toBe(
      "Unknown arguments: --dry-rn, --fooBar, --no-x-y",
    );
    expect((await refused(["--dry-rn=1"])).message).toBe("Unknown argument: --dry-rn");
  });

  it("suggests a subcommand for a mistyped one", async () => {
    const e = await refused(["exprot", "n"], (argv) =>
      baseCli("obs-x", "1.0.0", argv)
        .command("export <name>", "export", (y) => y.positional("name", { type: "string" }))
        .command("list", "list")
        .demandCommand(1),
    );
    expect(e.hint).toContain("did you mean export?");
  });

  it("suggests the command when a default command took the mistyped one as its NAME", async () => {
    const e = await refused(["exprot", "paper-1", "--json"], (argv) =>
      baseCli("obs-x", "1.0.0", argv)
        .command("$0 [name]", "lock", (y) => y.positional("name", { type: "string" }))
        .command("export <name>", "export", (y) => y.positional("name", { type: "string" })),
    );
    expect(e.message).toBe("Unknown argument: paper-1");
    expect(e.hint).toBe("did you mean export paper-1 --json? (obs-x --help lists every option)");
  });

  it("falls back to --help when nothing is close", async () => {
    expect((await refused(["--zzzzzzzz"])).hint).toBe("run obs-x --help");
    expect(closest("wiat", ["wait", "json"])).toBe("wait");
    expect(closest("x", ["json"])).toBeNull();
  });
});

describe("--quiet and --verbose", () => {
  it("are on every tool, and not together", async () => {
    expect(verbosity(await tool(["-q"]).parseAsync())).toBe("quiet");
    expect(verbosity(await tool(["--verbose"]).parseAsync())).toBe("verbose");
    expect(verbosity(await tool([]).parseAsync())).toBe("normal");
    expect((await refused(["--quiet", "--verbose"])).message).toContain(
      "Arguments quiet and verbose are mutually exclusive",
    );
  });
});

describe("flagWritten", () => {
  it("tells a written flag from a default", () => {
    expect(flagWritten(["--models", "a"], "models")).toBe(true);
    expect(flagWritten(["--models=a"], "models")).toBe(true);
    expect(flagWritten(["--no-canary"], "canary")).toBe(true);
    expect(flagWritten(["--canaryMax", "1"], "canary-max")).toBe(true);
    expect(flagWritten(["--", "--models"], "models")).toBe(false);
    expect(flagWritten(["--modelsx"], "models")).toBe(false);
  });
});

describe("a reader that goes away", () => {
  it("ends the tool quietly with its own exit code, and the command still finishes", () => {
    // A tool that prints far more than a pipe buffer, then records that it finished.
    const dir = mkdtempSync(join(tmpdir(), "obs-epipe-"));
    const done = join(dir, "finished");
    const script = join(dir, "tool.mjs");
    writeFileSync(
      script,
      `import { runMain } from ${JSON.stringify(join(import.meta.dirname, "../dist/index.js"))};
import { writeFileSync } from "node:fs";
await runMain("obs-x", async () => {
  for (let i = 0; i < 20000; i++) process.stdout.write(JSON.stringify({ type: "ROW", i, pad: "x".repeat(100) }) + "\\n");
  await new Promise((r) => setTimeout(r, 50));
  writeFileSync(${JSON.stringify(done)}, "yes");
  return { stdout: "last\\n", stderr: "summary\\n", exitCode: 0 };
});`,
    );
    const r = spawnSync("bash", ["-c", `set -o pipefail; node ${script} | head -1`], {
      encoding: "utf8",
    });
    expect(r.stdout).toBe(`${JSON.stringify({ type: "ROW", i: 0, pad: "x".repeat(100) })}\n`);
    expect(r.stderr).toBe("summary\n");
    expect(r.status).toBe(0);
    expect(spawnSync("cat", [done], { encoding: "utf8" }).stdout).toBe("yes");
  });
});
