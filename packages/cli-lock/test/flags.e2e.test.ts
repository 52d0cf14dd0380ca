// Flags (issue #16 item 3): a number out of range or not a number, and a flag that would do
// nothing in the combination given, are usage errors (exit 2) that say why, before any state is
// read or written. Each case here was silently accepted before.
import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { type Bin, harness } from "./harness.js";

const GPT = "openai/gpt-4o";

describe("obs-lock and obs-check refuse flags that are wrong or do nothing", () => {
  it("each case: exit 2, the reason on the error line, a hint, nothing written", async () => {
    const h = await harness({ seed: 1 }, ["openai"]);
    await h.poll(GPT);
    const cases: Array<[Bin, string[], string]> = [
      // Numbers: not one, negative, out of range.
      [
        "obs-lock",
        ["exp", "--benchmark-before-lock", "--timeout", "abc"],
        '--timeout must be a number of seconds from 0.1 to 3600, got "abc"',
      ],
      [
        "obs-lock",
        ["exp", "--benchmark-before-lock", "--timeout", "-5"],
        "--timeout must be a number of seconds from 0.1 to 3600, got -5",
      ],
      ["obs-lock", ["exp", "--benchmark-before-lock", "--timeout", "0"], "got 0"],
      ["obs-lock", ["exp", "--benchmark-before-lock", "--timeout=99999"], "got 99999"],
      // --list and --show only read.
      ["obs-lock", ["--list", "--wait"], "--wait does nothing with --list"],
      [
        "obs-lock",
        ["--list", "--models", GPT, "--notes", "x"],
        "--models, --notes do nothing with --list",
      ],
      ["obs-lock", ["--list", "--timeout", "5"], "--timeout does nothing with --list"],
      ["obs-lock", ["--list", "--force"], "--force does nothing with --list"],
      ["obs-lock", ["exp", "--list"], '--list takes no lock name to create (got "exp")'],
      [
        "obs-lock",
        ["--show", "exp", "--benchmark-before-lock"],
        "--benchmark-before-lock does nothing with --show",
      ],
      ["obs-lock", ["--show", "exp", "--max-age", "1h"], "--max-age does nothing with --show"],
      ["obs-lock", ["--list", "--show", "exp"], "--list and --show: give one"],
      // Benchmark options without the benchmark.
      [
        "obs-lock",
        ["exp", "--models", GPT, "--timeout", "30"],
        "--timeout does nothing without --benchmark-before-lock",
      ],
      [
        "obs-lock",
        ["exp", "--probes", "p.json", "--timeout", "30"],
        "--probes, --timeout do nothing without --benchmark-before-lock",
      ],
      // export: one format.
      [
        "obs-lock",
        ["export", "exp", "--json", "--format", "md"],
        "--json asks for the JSON record and --format md for Markdown: give one",
      ],
      ["obs-lock", ["export", "exp", "--wait"], "Unknown argument: --wait"],
      // obs-check.
      [
        "obs-check",
        ["exp", "--all"],
        "--all checks every lock: name locks or give --all, not both",
      ],
      [
        "obs-check",
        ["--all", "--epoch", "20261121T052029.123Z-0000", "--no-stdin"],
        "--stdin and --no-stdin do nothing with --epoch",
      ],
      [
        "obs-check",
        ["--all", "--epoch", "20261121T052029.123Z-0000", "--stdin"],
        "--stdin and --no-stdin do nothing with --epoch",
      ],
      ["obs-check", ["--all", "--quiet", "--wide"], "--wide does nothing with --quiet"],
      ["obs-check", ["--all", "--quiet", "--verbose"], "mutually exclusive"],
    ];
    const before = await readdir(h.stateDir, { recursive: true });
    for (const [bin, args, message] of cases) {
      const r = await h.run(bin, args);
      const lines = r.stderr.split("\n");
      expect({ bin, args, code: r.code }).toEqual({ bin, args, code: 2 });
      expect(lines[0], r.stderr).toContain(`${bin}: error: `);
      expect(lines[0], r.stderr).toContain(message);
      expect(lines[1], r.stderr).toMatch(/^hint: /);
      expect(r.stdout).toBe("");
    }
    expect(await readdir(h.stateDir, { recursive: true })).toEqual(before);
  });

  it("the same flags where they do something are accepted", async () => {
    const h = await harness({ seed: 1 }, ["openai"]);
    await h.poll(GPT);
    const ok: Array<[Bin, string[]]> = [
      ["obs-lock", ["exp", "--models", GPT, "--notes", "n"]],
      ["obs-lock", ["--list"]],
      ["obs-lock", ["--show", "exp"]],
      ["obs-lock", ["export", "exp", "--json"]],
      ["obs-lock", ["export", "exp", "--format", "json"]],
      ["obs-check", ["exp", "--wide"]],
      ["obs-check", ["--all", "--quiet"]],
    ];
    for (const [bin, args] of ok) {
      const r = await h.run(bin, args);
      expect({ bin, args, code: r.code, stderr: r.stderr }).toMatchObject({ bin, args, code: 0 });
    }
  });
});
