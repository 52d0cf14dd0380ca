import { ExitCode, ObsError } from "@observatory/core";
import { Chalk } from "chalk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { baseCli } from "./cli.js";
import { runMain } from "./main.js";
import { outputMode, stderrColors } from "./output.js";
import { resolveStateDir } from "./state-dir.js";

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

function capture() {
  const err: string[] = [];
  const out: string[] = [];
  vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    err.push(String(s));
    return true;
  });
  vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    out.push(String(s));
    return true;
  });
  return { err, out };
}

describe("state directory", () => {
  it("takes --state-dir, then OBS_STATE_DIR, then v1's WATCHER_STATE_DIR, then ./state", () => {
    expect(resolveStateDir("/a", { OBS_STATE_DIR: "/b" })).toBe("/a");
    expect(resolveStateDir(undefined, { OBS_STATE_DIR: "/b", WATCHER_STATE_DIR: "/c" })).toBe("/b");
    expect(resolveStateDir(undefined, { WATCHER_STATE_DIR: "/c" })).toBe("/c");
    expect(resolveStateDir(undefined, {})).toBe(`${process.cwd()}/state`);
  });
});

describe("output mode", () => {
  const stream = (isTTY: boolean) => ({ isTTY });
  it("prints NDJSON when stdout is not a terminal or with --json", () => {
    expect(outputMode(undefined, { stdout: stream(false), stderr: stream(true) })).toEqual({
      ndjson: true,
      humanTty: true,
    });
    expect(outputMode(true, { stdout: stream(true), stderr: stream(true) }).ndjson).toBe(true);
    expect(outputMode(undefined, { stdout: stream(true), stderr: stream(false) })).toEqual({
      ndjson: false,
      humanTty: false,
    });
  });
});

describe("colour", () => {
  it("is off when NO_COLOR is set, even where chalk alone would colour", () => {
    const terminal = new Chalk({ level: 1 }); // what chalk picks on a colour terminal
    expect(stderrColors({}, terminal).red("x")).not.toBe("x");
    expect(stderrColors({ NO_COLOR: "1" }, terminal).red("x")).toBe("x");
    // no-color.org: an empty NO_COLOR does not count.
    expect(stderrColors({ NO_COLOR: "" }, terminal).red("x")).not.toBe("x");
  });
});

describe("runMain", () => {
  it("prints what the handler returns and sets its exit code", async () => {
    const { out, err } = capture();
    await runMain("obs-x", async () => ({ stdout: "data\n", stderr: "summary\n", exitCode: 3 }));
    expect([out.join(""), err.join(""), process.exitCode]).toEqual(["data\n", "summary\n", 3]);
  });

  it("turns an ObsError into its message, hint and exit code", async () => {
    const { err } = capture();
    await runMain("obs-x", async () => {
      throw new ObsError("X", "it broke", { hint: "do this", exitCode: ExitCode.NOT_FOUND });
    });
    // One voice in every bin: the tool's name, "error:", then a hint line (NO_COLOR in tests).
    expect(err.join("")).toBe("obs-x: error: it broke\nhint: do this\n");
    expect(process.exitCode).toBe(6);
  });

  it("escapes control and bidi characters a provider put in an error, keeping its own lines", async () => {
    const { err } = capture();
    await runMain("obs-x", async () => {
      throw new ObsError("X", "model gpt\u001b]0;pwned\u0007\u001b[2J is gone\nsecond line", {
        hint: "try \u202eevil",
      });
    });
    const text = err.join("");
    for (const raw of ["\u0007", "\u001b", "\u202e"]) expect(text).not.toContain(raw);
    expect(text).toContain("gpt\\x1b]0;pwned\\x07\\x1b[2J is gone\nsecond line");
    expect(text).toContain("try \\u202eevil");
  });

  it("reports a file system refusal as a state error (5) and anything else as internal (70)", async () => {
    const { err } = capture();
    await runMain("obs-x", async () => {
      throw Object.assign(new Error("EACCES: permission denied, open '/s/x'"), { code: "EACCES" });
    });
    expect(process.exitCode).toBe(5);
    await runMain("obs-x", async () => {
      throw new Error("bug");
    });
    expect(process.exitCode).toBe(70);
    expect(err.join("")).toContain("obs-x: internal error: bug\nhint: this is a bug");
  });
});

describe("baseCli", () => {
  it("turns a usage error into ObsError with exit code 2 and a hint", async () => {
    // yargs calls the fail handler synchronously inside parseAsync; the CLIs await it inside an
    // async function, which turns the throw into a rejection, as here.
    const parse = async () => baseCli("obs-x", "1.0.0", ["--nope"]).parseAsync();
    const err = await parse().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ObsError);
    expect(err).toMatchObject({ exitCode: 2, hint: "run obs-x --help" });
  });
});

describe("baseCli: an option that takes one value", () => {
  // What a tool's main sees: yargs throws synchronously inside parseAsync, which the tool's
  // async main turns into a rejection, as the async wrapper does here.
  const usageError = async (run: () => Promise<unknown>) => {
    const e = await (async () => run())().then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ObsError);
    expect(e).toMatchObject({ exitCode: ExitCode.USAGE, hint: "run obs-x --help" });
    return (e as ObsError).message;
  };
  const tool = (argv: string[]) =>
    baseCli("obs-x", "1.0.0", argv)
      .option("webhooks", { type: "string" })
      .option("timeout", { type: "number", default: 60 })
      .option("format", { choices: ["md", "json"] as const })
      .option("models", { type: "string", array: true })
      .parseAsync();

  it("given twice is a usage error naming the option and both values", async () => {
    expect(await usageError(() => tool(["--state-dir", "a", "--state-dir", "b"]))).toBe(
      "--state-dir given twice (a, b): give it once",
    );
    expect(await usageError(() => tool(["--state-dir=a", "--json", "--state-dir", "a"]))).toBe(
      "--state-dir given twice (a, a): give it once",
    );
  });

  it("covers the options a tool declares on top of baseCli, whatever their type", async () => {
    expect(
      await usageError(() => tool(["--webhooks", "x", "--webhooks", "y", "--webhooks=z"])),
    ).toBe("--webhooks given 3 times (x, y, z): give it once");
    expect(await usageError(() => tool(["--timeout", "5", "--timeout", "10"]))).toBe(
      "--timeout given twice (5, 10): give it once",
    );
    expect(await usageError(() => tool(["--format", "md", "--format", "json"]))).toBe(
      "--format given twice (md, json): give it once",
    );
  });

  it("covers a subcommand's options, before its handler runs", async () => {
    let ran = false;
    const cli = () =>
      baseCli("obs-x", "1.0.0", ["export", "n", "--format", "md", "--format", "md"])
        .command(
          "export <name>",
          "",
          (y) => y.option("format", { choices: ["md", "json"] as const }),
          () => {
            ran = true;
          },
        )
        .parseAsync();
    expect(await usageError(cli)).toBe("--format given twice (md, md): give it once");
    expect(ran).toBe(false);
  });

  it("given with no value is a usage error, not the current directory", async () => {
    for (const argv of [
      ["--state-dir"],
      ["--state-dir", "--json"],
      ["--state-dir="],
      ["--state-dir", ""],
    ])
      expect(await usageError(() => tool(argv))).toBe("--state-dir needs a value");
    expect(await usageError(() => tool(["--webhooks", ""]))).toBe("--webhooks needs a value");
  });

  it("leaves the rest as it was: one value, repeated list options, repeated switches", async () => {
    const args = await tool([
      "--state-dir",
      "a",
      "--models",
      "m1",
      "--models",
      "m2",
      "--json",
      "--no-json",
    ]);
    expect([args["state-dir"], args.models, args.json, args.timeout]).toEqual([
      "a",
      ["m1", "m2"],
      false,
      60,
    ]);
    // Positionals are the tool's to judge: "" for one, several values for a variadic one.
    const positional = await baseCli("obs-x", "1.0.0", [""])
      .command("$0 [name]", "", (y) => y.positional("name", { type: "string" }))
      .parseAsync();
    expect(positional.name).toBe("");
    for (const names of [["a"], ["a", "b"]]) {
      const variadic = await baseCli("obs-x", "1.0.0", names)
        .command("$0 [names..]", "", (y) => y.positional("names", { type: "string", array: true }))
        .parseAsync();
      expect(variadic.names).toEqual(names);
    }
  });
});
