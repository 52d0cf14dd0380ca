// The command line as a user meets it: numbers that say what they accept, flags that would do
// nothing refused, help that ends with examples that work, and stderr that suits where it goes
// (progress on a terminal only; aligned columns when piped; --quiet and --verbose).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runProcess } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { harness, runOf } from "./harness.js";

describe("numeric flags", () => {
  it.each([
    [["--timeout", "abc"], '--timeout must be a number of seconds from 0.1 to 3600, got "abc"'],
    [["--timeout", "-5"], "--timeout must be a number of seconds from 0.1 to 3600, got -5"],
    [["--timeout=0"], "--timeout must be a number of seconds from 0.1 to 3600, got 0"],
    [["--suspect-share", "2"], "--suspect-share must be a number > 0 and <= 1, got 2"],
    [["--suspect-polls", "1.5"], "--suspect-polls must be a whole number of polls from 1 to 100"],
    [["--canary-max", "-1"], "--canary-max must be a whole number of canaries from 0 to 1000"],
    [["--webhook-deadline", "nope"], "--webhook-deadline must be a number of seconds"],
    [
      ["--webhook-timeout", "9999"],
      "--webhook-timeout must be a number of seconds from 0.1 to 600",
    ],
  ])("obs-poll %j is exit 2 and says what is allowed, before any call", async (args, message) => {
    const h = await harness({ seed: 1 }, ["openai"]);
    const r = await h.run("obs-poll", args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`obs-poll: error: ${message}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(h.server.scenario.calls()).toEqual([]);
  });

  it("obs-bench's numbers are checked the same way", async () => {
    const h = await harness({ seed: 1 }, ["openai"]);
    const r = await h.run("obs-bench", ["--timeout", "-5"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("obs-bench: error: --timeout must be a number of seconds");
  });

  it("an environment knob out of range is refused with the same words", async () => {
    const h = await harness({ seed: 1 }, ["openai"]);
    const r = await h.run("obs-poll", [], { OBS_SUSPECT_SHARE: "2" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('OBS_SUSPECT_SHARE must be a number > 0 and <= 1, got "2"');
    expect(runOf(r)).toMatchObject({ status: "nothing_committed", exit_code: 2 });
  });
});

describe("a flag that would do nothing is an error", () => {
  it.each([
    ["obs-poll", ["--models", "openai/gpt-4o"], "--models does nothing without --benchmark"],
    ["obs-poll", ["--probes", "p.json"], "--probes does nothing without --benchmark"],
    [
      "obs-poll",
      ["--no-canary", "--canary-changed"],
      "--canary-changed does nothing with --no-canary",
    ],
    [
      "obs-poll",
      ["--no-canary", "--canary-max", "5"],
      "--canary-max does nothing with --no-canary",
    ],
    [
      "obs-poll",
      ["--no-canary", "--timeout", "5"],
      "--timeout does nothing with --no-canary and without --benchmark",
    ],
    [
      "obs-poll",
      ["--list-providers", "--benchmark"],
      "--benchmark does nothing with --list-providers",
    ],
    [
      "obs-poll",
      ["--benchmark", "--providers", "openai", "--models", "mistral/mistral-large"],
      "--models mistral/mistral-large names a provider that --providers leaves out",
    ],
    [
      "obs-bench",
      ["--providers", "openai", "--models", "mistral/mistral-large"],
      "--models mistral/mistral-large names a provider that --providers leaves out",
    ],
  ] as const)("%s %j: exit 2, says why, with a hint", async (bin, args, message) => {
    const h = await harness({ seed: 1 }, ["openai", "mistral"]);
    const r = await h.run(bin, [...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bin}: error: ${message}`);
    expect(r.stderr).toMatch(/^hint: /m);
    expect(h.server.scenario.calls()).toEqual([]);
  });

  it("the same flags in a combination where they work are accepted", async () => {
    const h = await harness({ seed: 1 }, ["openai"]);
    for (const args of [
      ["--benchmark", "--models", "openai/gpt-4o"],
      ["--canary-changed", "--canary-max", "3", "--timeout", "5"],
      ["--no-canary"],
    ]) {
      const r = await h.run("obs-poll", args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
    }
  });
});

describe("help", () => {
  it.each(["obs-poll", "obs-bench"] as const)(
    "%s --help ends with examples that work",
    async (bin) => {
      const h = await harness({ seed: 1 }, ["openai", "anthropic"]);
      const help = await h.run(bin, ["--help"]);
      expect(help.code).toBe(0);
      const text = help.stdout;
      const examples = text.slice(text.indexOf("\nExamples:\n") + 11).split("\n\n")[0]!;
      const lines = examples.split("\n").filter((l) => l.startsWith(`  ${bin} `));
      expect(lines.length).toBeGreaterThanOrEqual(2);
      // Run them as written (the pipe into obs-check belongs to another package's tests).
      await writeFile(
        join(h.stateDir, "..", "probes.json"),
        JSON.stringify({
          version: 1,
          probes: [
            {
              id: "capital",
              tier: 1,
              kind: "exact",
              prompt: "Capital of France?",
              expected: "Paris",
            },
          ],
        }),
      );
      if (bin === "obs-bench") expect((await h.run("obs-poll")).code).toBe(0);
      for (const line of lines) {
        const command = line.trim().split(/\s{2,}/)[0]!;
        const args = command.split(" ").slice(1);
        const r = await h.run(bin, args);
        expect(r.code, `${command}: ${r.stderr}`).toBe(0);
      }
    },
  );
});

describe("stderr suits where it goes", () => {
  it("piped: no progress, a header line over aligned columns; --quiet: nothing; --verbose: timings", async () => {
    const h = await harness({ seed: 1 }, ["openai", "mistral"]);
    const r = await h.run("obs-poll", ["--benchmark"]);
    expect(r.code).toBe(0);
    const redraw = new RegExp(
      `\\r|${String.fromCharCode(27)}\\[2K|benchmarks \\d+/\\d+|listing \\d+/\\d+`,
    );
    expect(r.stderr).not.toMatch(redraw);
    const lines = r.stderr.split("\n");
    const header = lines.findIndex((l) => l.startsWith("provider  "));
    expect(lines[header]).toMatch(
      /^provider +status +models +added +removed +changed +canaries +note$/,
    );
    // Each row's cells start where the header's do.
    const statusCol = lines[header]!.indexOf("status");
    const modelsCol = lines[header]!.indexOf("models");
    for (const row of [lines[header + 1]!, lines[header + 2]!]) {
      expect(row).toMatch(/^(mistral|openai) /);
      expect(row.slice(statusCol)).toMatch(/^fresh /);
      expect(row.slice(modelsCol)).toMatch(/^\d+ /);
    }

    h.server.scenario.advance();
    const quiet = await h.run("obs-poll", ["--benchmark", "--quiet"]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe("");
    expect(runOf(quiet)).toMatchObject({ status: "committed" });

    h.server.scenario.advance();
    const verbose = await h.run("obs-poll", ["--benchmark", "--verbose"]);
    expect(verbose.code).toBe(0);
    expect(verbose.stderr).toMatch(/^provider +listing +canaries +benchmarks$/m);
    expect(verbose.stderr).toMatch(/^openai +\d+\.\d\d s +- +60 probes, \d+ calls in \d+\.\d+ s$/m);

    const both = await h.run("obs-poll", ["--quiet", "--verbose"]);
    expect(both.code).toBe(2);
  });

  it("on a terminal: progress on stderr, counted per phase, never past its total", async () => {
    const h = await harness({ seed: 1 }, ["openai"]);
    const bin = fileURLToPath(new URL("../bin/obs-poll.js", import.meta.url));
    // script(1) gives the poll a terminal for stdout and stderr.
    const r = await runProcess(
      "script",
      [
        "-qec",
        `"${process.execPath}" "${bin}" --state-dir "${h.stateDir}" --benchmark`,
        "/dev/null",
      ],
      { env: { ...h.env, TERM: "dumb" } },
    );
    expect(r.code, r.stdout).toBe(0);
    const shown = [...r.stdout.matchAll(/(listing|canaries|benchmarks) (\d+)\/(\d+)/g)];
    expect(shown.map((m) => m[1])).toContain("benchmarks");
    expect(shown.map((m) => m[1])).toContain("listing");
    for (const m of shown) expect(Number(m[2])).toBeLessThanOrEqual(Number(m[3]));
    expect(r.stdout).toContain("benchmarks 60/60");
    // With --quiet, none.
    h.server.scenario.advance();
    const quiet = await runProcess(
      "script",
      [
        "-qec",
        `"${process.execPath}" "${bin}" --state-dir "${h.stateDir}" --benchmark --quiet`,
        "/dev/null",
      ],
      { env: { ...h.env, TERM: "dumb" } },
    );
    expect(quiet.code, quiet.stdout).toBe(0);
    expect(quiet.stdout).not.toMatch(/benchmarks \d+\/\d+/);
  });
});
