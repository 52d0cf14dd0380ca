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
    await runMain(async () => ({ stdout: "data\n", stderr: "summary\n", exitCode: 3 }));
    expect([out.join(""), err.join(""), process.exitCode]).toEqual(["data\n", "summary\n", 3]);
  });

  it("turns an ObsError into its message, hint and exit code", async () => {
    const { err } = capture();
    await runMain(async () => {
      throw new ObsError("X", "it broke", { hint: "do this", exitCode: ExitCode.NOT_FOUND });
    });
    expect(err.join("")).toMatch(/error:.*it broke[\s\S]*hint:.*do this/);
    expect(process.exitCode).toBe(6);
  });

  it("reports a file system refusal as a state error (5) and anything else as internal (70)", async () => {
    const { err } = capture();
    await runMain(async () => {
      throw Object.assign(new Error("EACCES: permission denied, open '/s/x'"), { code: "EACCES" });
    });
    expect(process.exitCode).toBe(5);
    await runMain(async () => {
      throw new Error("bug");
    });
    expect(process.exitCode).toBe(70);
    expect(err.join("")).toContain("internal error: bug");
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
