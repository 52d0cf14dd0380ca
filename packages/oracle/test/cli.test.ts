// obs-oracle's behaviour through run(): what a user sees on a terminal and in a pipe, and the
// exit codes. cli-bin.test.ts checks the built bin itself.
import { describe, expect, it } from "vitest";
import { type Io, run } from "../src/cli/run.js";
import { calls, commitEpoch, model, tempStateDir } from "./state.js";

const T0 = new Date("2026-06-01T00:00:00.000Z");

async function state(): Promise<{ dir: string; epochId: string }> {
  const dir = await tempStateDir();
  const epochId = await commitEpoch(dir, {
    at: T0,
    providers: {
      openai: [model("gpt-4o"), model("gpt-4o-mini", { pricing: { prompt: "0.00000015" } })],
      anthropic: [model("sonnet", { context_length: 200_000 })],
    },
    calls: [...calls("openai", "gpt-4o", 10, 300), ...calls("anthropic", "sonnet", 10, 900)],
    bench: [{ key: "anthropic/sonnet", probe: "json", verdict: "DRIFT" }],
  });
  return { dir, epochId };
}

function io(tty: boolean, env: Record<string, string> = {}): Io {
  return {
    env: { NO_COLOR: "1", ...env },
    stdoutIsTTY: tty,
    version: "9.9.9",
    now: () => new Date(T0.getTime() + 60_000),
  };
}
const cli = (args: string[], tty = false, env: Record<string, string> = {}) =>
  run(args, io(tty, env));

describe("obs-oracle", () => {
  it("route prints one JSON record when stdout is not a terminal", async () => {
    const { dir, epochId } = await state();
    const out = await cli(["route", "context>=100k,prefer=reliability", "--state-dir", dir]);
    expect(out.exitCode).toBe(0);
    const record = JSON.parse(out.stdout);
    expect(record.model.key).toBe("openai/gpt-4o");
    expect(record.epoch).toMatchObject({ id: epochId, ageMs: 60_000, stale: false });
    expect(out.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("route on a terminal says what it picked, why, and from which epoch", async () => {
    const { dir, epochId } = await state();
    const out = await cli(["route", "prefer=latency", "--state-dir", dir], true);
    expect(out.stdout).toContain("openai/gpt-4o\n");
    expect(out.stdout).toContain(
      "picked by latency from 2 matching of 3 models; excluded: 1 drift",
    );
    expect(out.stdout).toContain(`epoch ${epochId} (1 min old)`);
    expect(out.stdout).not.toContain("\x1b[");
  });

  it("route exits 1 when nothing matches, and says how many each gate excluded", async () => {
    const { dir } = await state();
    const out = await cli(["route", "context>200000", "--state-dir", dir], true);
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toContain("no model matches");
    expect(out.stdout).toContain("excluded: 1 drift, 2 by the filter");
  });

  it("a malformed filter is a usage error naming the bad term", async () => {
    const { dir } = await state();
    const out = await cli(["route", "context>200000,relability>0.9", "--state-dir", dir]);
    expect(out.exitCode).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toContain('bad filter term "relability>0.9": unknown field "relability"');
  });

  it("a one-value flag given twice, or given no value, is a usage error, not a silent pick", async () => {
    const { dir } = await state();
    const twice = await cli(["list", "--state-dir", dir, "--state-dir", "/elsewhere"]);
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toContain(`--state-dir given twice (${dir}, /elsewhere): give it once`);
    const empty = await cli(["list", "--state-dir", ""]);
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toContain("--state-dir needs a value");
    expect((await cli(["list", "--json", "--json", "--state-dir", dir])).exitCode).toBe(0);
  });

  it("status says why a model is unhealthy", async () => {
    const { dir, epochId } = await state();
    const out = await cli(["status", "anthropic/sonnet", "--state-dir", dir], true);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain("anthropic/sonnet: UNHEALTHY");
    expect(out.stdout).toContain(
      `DRIFT            behaviour drift confirmed on probe json (HIGH) in epoch ${epochId}`,
    );
    const json = JSON.parse((await cli(["status", "anthropic/sonnet", "--state-dir", dir])).stdout);
    expect(json).toMatchObject({ healthy: false, reasons: [{ code: "DRIFT" }] });
  });

  it("healthy exits 0 or 1; an unknown key exits 6 with suggestions", async () => {
    const { dir } = await state();
    expect((await cli(["healthy", "openai/gpt-4o", "--state-dir", dir])).exitCode).toBe(0);
    const sick = await cli(["healthy", "anthropic/sonnet", "--state-dir", dir], true);
    expect(sick.exitCode).toBe(1);
    expect(sick.stdout).toContain("anthropic/sonnet: UNHEALTHY (behaviour drift");
    const unknown = await cli(["healthy", "gpt-4o", "--state-dir", dir]);
    expect(unknown.exitCode).toBe(6);
    expect(unknown.stderr).toContain("unknown model gpt-4o");
    expect(unknown.stderr).toContain("did you mean openai/gpt-4o");
  });

  it("list --by orders every listed model and shows its health", async () => {
    const { dir } = await state();
    const out = await cli(["list", "--by", "cost", "--state-dir", dir], true);
    const lines = out.stdout.split("\n");
    expect(lines[0]).toMatch(/^model\s+context\s+rel\s+p50 ms\s+cost\s+tools\s+health$/);
    expect(lines.slice(2, 5).map((l) => l.split(/\s+/)[0])).toEqual([
      "openai/gpt-4o-mini",
      "openai/gpt-4o",
      "anthropic/sonnet",
    ]);
    expect(lines[4]).toMatch(/DRIFT$/);
    const bad = await cli(["list", "--by", "speed", "--state-dir", dir]);
    expect(bad).toMatchObject({ exitCode: 2 });
    expect(bad.stderr).toContain("--by speed: expected one of reliability, latency, context, cost");
  });

  it("policy shows a model or none per role", async () => {
    const { dir } = await state();
    const out = await cli(["policy", "--state-dir", dir], true);
    expect(out.stdout).toMatch(/precision_math\s+openai\/gpt-4o/);
    expect(out.stdout).toMatch(/long_context_synthesis\s+\(no candidate\)/);
    const json = JSON.parse((await cli(["policy", "default", "--state-dir", dir])).stdout);
    expect(json.roles).toHaveLength(6);
  });

  it("takes the state directory from OBS_STATE_DIR, then WATCHER_STATE_DIR", async () => {
    const { dir, epochId } = await state();
    for (const name of ["OBS_STATE_DIR", "WATCHER_STATE_DIR"]) {
      const out = await cli([], false, { [name]: dir });
      expect(JSON.parse(out.stdout)).toMatchObject({
        listed: 3,
        healthy: 2,
        drifted: 1,
        epoch: { id: epochId },
      });
    }
  });

  it("exits 5 when the state directory holds no epoch", async () => {
    const out = await cli(["route", "--state-dir", await tempStateDir()]);
    expect(out.exitCode).toBe(5);
    expect(out.stderr).toContain("no committed epoch");
    expect(out.stderr).toContain("hint: run obs-poll");
  });

  it("warns on stderr about a stale epoch, in both output modes", async () => {
    const { dir } = await state();
    const out = await cli(["route", "--state-dir", dir, "--stale-after", "30s"]);
    expect(JSON.parse(out.stdout).epoch.stale).toBe(true);
    expect(out.stderr).toContain("is 1 min old; is obs-poll still running?");
  });

  it.each([
    [["bogus"], 'unknown command "bogus"'],
    [["route", "--nope"], "Unknown option '--nope'"],
    [["status"], "status needs a model key"],
    [["status", "a/b", "c/d"], "status takes one key"],
    [["route", "--by", "cost"], "--by only applies to list"],
    [["route", "--drift-window", "soon"], "--drift-window soon: not a duration"],
  ])("%j is a usage error", async (args, message) => {
    const out = await cli(args);
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain(message);
  });

  it("--help explains the commands, the filter terms and the exit codes", async () => {
    const main = await cli(["--help"]);
    expect(main.exitCode).toBe(0);
    for (const s of [
      "route [FILTER]",
      "status KEY",
      "healthy KEY",
      "list [--by X]",
      "policy",
      "Exit codes",
    ])
      expect(main.stdout).toContain(s);
    const route = await cli(["route", "--help"]);
    expect(route.stdout).toContain("cost<=mid (free < low < mid < high < premium)");
    expect(route.stdout).toContain("context>200000 excludes a model of exactly 200000");
    expect((await cli(["--version"])).stdout).toBe("9.9.9\n");
  });

  it("colours only a terminal without NO_COLOR", async () => {
    const { dir } = await state();
    const coloured = await run(["status", "anthropic/sonnet", "--state-dir", dir], {
      ...io(true),
      env: {},
    });
    expect(coloured.stdout).toContain("\x1b[31mUNHEALTHY\x1b[39m");
    const piped = await run(["status", "anthropic/sonnet", "--state-dir", dir, "--json"], {
      ...io(true),
      env: {},
    });
    expect(piped.stdout).not.toContain("\x1b[");
  });
});
