// observatory.config.json through every bin (issue #17 part 3): a bad file stops each tool before
// it does anything (exit 2, every problem with its place); --print-config shows where each value
// came from; a flag beats the environment, which beats the file, which beats the default.
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BINS } from "../../src/_support/bins.js";
import { start } from "../../src/_support/process.js";

async function cwdWith(config: unknown): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "obs-config-e2e-"));
  await writeFile(join(d, "observatory.config.json"), JSON.stringify(config));
  return d;
}

describe("observatory.config.json", () => {
  it.each(BINS)(
    "%s: a bad file is exit 2 with every problem, and nothing is written",
    async (bin) => {
      const cwd = await cwdWith({
        stateDir: "state",
        retention: { epoch: 3 },
        poll: { canaryMax: -1 },
      });
      const r = await start(bin, [], { cwd }).ended;
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(
        `${bin}: error: ${join(cwd, "observatory.config.json")}: 2 problems`,
      );
      expect(r.stderr).toMatch(/^ {2}retention: .*epoch/m);
      expect(r.stderr).toMatch(/^ {2}poll\.canaryMax: /m);
      expect(await readdir(cwd)).toEqual(["observatory.config.json"]);
    },
  );

  it.each(BINS)(
    "%s --print-config: the file's state dir, then the environment's, then the flag's",
    async (bin) => {
      const cwd = await cwdWith({ stateDir: "from-file" });
      const row = (out: string) => out.split("\n").find((l) => l.startsWith("stateDir "));
      const file = await start(bin, ["--print-config"], { cwd }).ended;
      expect(file.code, file.stderr).toBe(0);
      expect(row(file.stdout)).toMatch(
        new RegExp(`${join(cwd, "from-file")} +config file \\(as OBS_STATE_DIR\\)$`),
      );
      const env = await start(bin, ["--print-config"], { cwd, env: { OBS_STATE_DIR: "/from/env" } })
        .ended;
      expect(row(env.stdout)).toMatch(/\/from\/env +env OBS_STATE_DIR$/);
      const flag = await start(bin, ["--print-config", "--state-dir", "/from/flag"], {
        cwd,
        env: { OBS_STATE_DIR: "/from/env" },
      }).ended;
      expect(row(flag.stdout)).toMatch(/\/from\/flag +flag --state-dir$/);
      expect(await readdir(cwd)).toEqual(["observatory.config.json"]);
    },
  );

  it("the tools use the file's values: obs-oracle and obs-dash look in its state dir", async () => {
    const cwd = await cwdWith({ stateDir: "nothing-here" });
    for (const [bin, args] of [
      ["obs-oracle", ["route"]],
      ["obs-dash", ["--json"]],
    ] as const) {
      const r = await start(bin, [...args], { cwd }).ended;
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`no state at ${join(cwd, "nothing-here")}`);
    }
  });

  it("--config names another file; a missing one is exit 2", async () => {
    const cwd = await cwdWith({ stateDir: "ignored" });
    const other = join(cwd, "other.json");
    await writeFile(other, JSON.stringify({ stateDir: "chosen" }));
    const r = await start("obs-oracle", ["--print-config", "--config", other], { cwd }).ended;
    expect(r.stdout).toContain(`config file: ${other}`);
    expect(r.stdout).toMatch(new RegExp(`^stateDir +${join(cwd, "chosen")} `, "m"));
    const missing = await start("obs-oracle", ["route", "--config", join(cwd, "nope.json")], {
      cwd,
    }).ended;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read the config file");
  });
});
