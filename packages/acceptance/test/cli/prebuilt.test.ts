// `--help`, `-h` and `--version` alone are answered from text the build rendered with yargs. That
// text must be what yargs would print now: a stale rendering would be help that lies. And it is
// printed as any bin prints it: exit 0, nothing on stderr.
import { describe, expect, it } from "vitest";
import { BINS } from "../../src/_support/bins.js";
import { run } from "../../src/_support/process.js";

const CASES = BINS.flatMap((bin) => ["--help", "-h", "--version"].map((flag) => ({ bin, flag })));

describe("prebuilt --help and --version", () => {
  it.each(CASES)("$bin $flag prints exactly what yargs prints", async ({ bin, flag }) => {
    const [fast, parsed] = await Promise.all([
      run(bin, [flag]),
      run(bin, [flag], { env: { OBS_NO_PREBUILT: "1" } }),
    ]);
    expect(parsed.code).toBe(0);
    expect(parsed.stdout.length).toBeGreaterThan(0);
    expect(fast).toMatchObject({ code: 0, stderr: "", stdout: parsed.stdout });
  });
});
