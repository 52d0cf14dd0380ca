// A bin's start with observatory.config.json: the file fills in only what neither a flag nor
// the environment gives, and --print-config says which of the four each value came from.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyConfig, asksHelp, renderConfig } from "./config.js";

async function cwdWith(config: unknown): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "obs-kit-config-"));
  await writeFile(join(d, "observatory.config.json"), JSON.stringify(config));
  return d;
}

describe("applyConfig", () => {
  it("sets the variables the file holds, unless the environment has them already", async () => {
    const cwd = await cwdWith({ stateDir: "s", poll: { canaryMax: 7 }, budgets: { models: 9 } });
    const env: NodeJS.ProcessEnv = { OBS_CANARY_MAX: "3", XDG_CONFIG_HOME: "/nonexistent" };
    const applied = await applyConfig([], env, cwd);
    expect(applied.file).toBe(join(cwd, "observatory.config.json"));
    expect(env["OBS_CANARY_MAX"]).toBe("3");
    expect(env["OBS_STATE_DIR"]).toBe(join(cwd, "s"));
    expect(env["OBS_BUDGET_MODELS"]).toBe("9");
    expect([...applied.fromFile.keys()].sort()).toEqual(["OBS_BUDGET_MODELS", "OBS_STATE_DIR"]);
  });

  it("leaves alone what a .env file in the working directory sets (that is environment too)", async () => {
    const cwd = await cwdWith({ stateDir: "s", budgets: { models: 9 } });
    await writeFile(
      join(cwd, ".env"),
      "# keys\nexport OBS_STATE_DIR=./mine\nOPENAI_API_KEY=sk-x\n",
    );
    const env: NodeJS.ProcessEnv = { XDG_CONFIG_HOME: "/nonexistent" };
    const applied = await applyConfig([], env, cwd);
    expect(env["OBS_STATE_DIR"]).toBeUndefined();
    expect(env["OBS_BUDGET_MODELS"]).toBe("9");
    const row = renderConfig("obs-poll", [], applied, env)
      .split("\n")
      .find((l) => l.startsWith("stateDir "));
    expect(row).toMatch(/\(in \.env\) +env OBS_STATE_DIR \(\.env\)$/);
  });

  it("reads nothing when there is no file, and refuses a bad one before anything is set", async () => {
    const env: NodeJS.ProcessEnv = { XDG_CONFIG_HOME: "/nonexistent" };
    const empty = await mkdtemp(join(tmpdir(), "obs-kit-none-"));
    expect((await applyConfig([], env, empty)).file).toBeNull();
    const bad = await cwdWith({ stateDir: "s", poll: { canaryMax: -1 } });
    await expect(applyConfig([], env, bad)).rejects.toMatchObject({ exitCode: 2 });
    expect(env["OBS_STATE_DIR"]).toBeUndefined();
    await expect(
      applyConfig(["--config", "/nonexistent/x.json"], env, empty),
    ).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe("--print-config", () => {
  it("shows each setting the tool reads with its source: flag, env, config file, default", async () => {
    const cwd = await cwdWith({
      poll: { canaryMax: 7, suspectPolls: 4 },
      retention: { epochs: 30 },
    });
    const env: NodeJS.ProcessEnv = {
      XDG_CONFIG_HOME: "/nonexistent",
      OBS_SUSPECT_POLLS: "5",
      OPENAI_API_KEY: "sk-live-abcdefghijklmnop",
    };
    const argv = ["--canary-max", "9", "--print-config"];
    const applied = await applyConfig(argv, env, cwd);
    const text = renderConfig("obs-poll", argv, applied, env);
    const row = (key: string) => text.split("\n").find((l) => l.startsWith(`${key} `));
    expect(row("poll.canaryMax")).toMatch(/ 9 +flag --canary-max$/);
    expect(row("poll.suspectPolls")).toMatch(/ 5 +env OBS_SUSPECT_POLLS$/);
    expect(row("retention.epochs")).toMatch(/ 30 +config file \(as OBS_RETAIN_EPOCHS\)$/);
    expect(row("poll.suspectShare")).toMatch(/ 0\.5 +default$/);
    expect(text).toContain(`config file: ${join(cwd, "observatory.config.json")}`);
    // Credentials are named, never shown, not even in part.
    expect(text).toContain("OPENAI_API_KEY  set");
    expect(text).not.toContain("mnop");
    // Only what obs-poll reads: no oracle or lock settings, but the writers' retention.
    expect(renderConfig("obs-oracle", [], applied, env)).not.toContain("retention.epochs");
  });

  it("is not read for help or the version", () => {
    expect(asksHelp(["--help"])).toBe(true);
    expect(asksHelp(["route", "-h"])).toBe(true);
    expect(asksHelp(["help", "route"])).toBe(true);
    expect(asksHelp(["--version"])).toBe(true);
    expect(asksHelp(["route", "--", "--help"])).toBe(false);
    expect(asksHelp(["--print-config"])).toBe(false);
  });
});
