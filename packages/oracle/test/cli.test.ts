// obs-oracle's commands through execute(), the module the bin runs once its arguments are parsed:
// what a user sees on a terminal and in a pipe, and the exit codes, with the clock pinned.
// bin.e2e.test.ts runs the built bin itself (parsing, help, errors, records).
import { describe, expect, it } from "vitest";
import { execute, type Io, type OracleRun } from "../src/cli/execute.js";
import { RouteRecordSchema, StatusRecordSchema, SummaryRecordSchema } from "../src/records.js";
import { calls, commitEpoch, model, tempStateDir } from "./state.js";

const T0 = new Date("2026-06-01T00:00:00.000Z");

async function state(): Promise<{ dir: string; epochId: string }> {
  const dir = await tempStateDir();
  const epochId = await commitEpoch(dir, {
    at: T0,
    providers: {
      // gpt-4o-mini is never called: too few calls to route on.
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
    now: () => new Date(T0.getTime() + 60_000),
  };
}
const cli = (run: Partial<OracleRun> & Pick<OracleRun, "command" | "stateDir">, tty = false) =>
  execute({ json: false, verbosity: "normal", ...run }, io(tty));

describe("obs-oracle commands", () => {
  it("route prints one JSON record when stdout is not a terminal", async () => {
    const { dir, epochId } = await state();
    const out = await cli({ command: "route", stateDir: dir, filter: ["context>=100k"] });
    expect(out.exitCode).toBe(0);
    expect(out.stdout!.trim().split("\n")).toHaveLength(1);
    const record = RouteRecordSchema.parse(JSON.parse(out.stdout!));
    expect(record.model?.key).toBe("openai/gpt-4o");
    expect(record.epoch).toMatchObject({ id: epochId, ageMs: 60_000, stale: false });
  });

  it("route on a terminal says what it picked, why, and from which epoch", async () => {
    const { dir, epochId } = await state();
    const out = await cli({ command: "route", stateDir: dir, filter: ["prefer=latency"] }, true);
    expect(out.stdout).toContain("openai/gpt-4o\n");
    expect(out.stdout).toContain(
      "picked by latency from 1 matching of 3 models; excluded: 1 drift, 1 fewer than 5 calls",
    );
    expect(out.stdout).toContain(" · modality ?\n");
    expect(out.stdout).toContain(`epoch ${epochId} (1 min old)`);
    expect(out.stdout).not.toContain("\x1b[");
  });

  it("route exits 1 when nothing matches, says how many each gate excluded, and what to do", async () => {
    const { dir } = await state();
    const out = await cli({ command: "route", stateDir: dir, filter: ["context>200000"] }, true);
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toContain("no model matches");
    expect(out.stdout).toContain("excluded: 1 drift, 1 fewer than 5 calls, 1 by the filter");
    expect(out.stdout).toContain(
      "1 healthy-looking model has fewer than the 5 measured calls routing needs: obs-bench measures them (--min-calls lowers the bar)",
    );
  });

  it("--min-calls sets the bar for every answer; 0 lets unmeasured models through", async () => {
    const { dir } = await state();
    const out = await cli({
      command: "route",
      stateDir: dir,
      filter: ["prefer=cost"],
      minCalls: 0,
    });
    expect(RouteRecordSchema.parse(JSON.parse(out.stdout!)).model?.key).toBe("openai/gpt-4o-mini");
    const strict = await cli({
      command: "healthy",
      stateDir: dir,
      key: "openai/gpt-4o",
      minCalls: 11,
    });
    expect(strict.exitCode).toBe(1);
    expect(StatusRecordSchema.parse(JSON.parse(strict.stdout!)).reasons[0]?.code).toBe(
      "TOO_FEW_CALLS",
    );
  });

  it("a malformed filter is a usage error naming the bad term", async () => {
    const { dir } = await state();
    await expect(
      cli({ command: "route", stateDir: dir, filter: ["context>200000,relability>0.9"] }),
    ).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining(
        'bad filter term "relability>0.9": unknown field "relability"',
      ),
    });
  });

  it("status says why a model is unhealthy", async () => {
    const { dir, epochId } = await state();
    const out = await cli({ command: "status", stateDir: dir, key: "anthropic/sonnet" }, true);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain("anthropic/sonnet: UNHEALTHY");
    expect(out.stdout).toContain(
      `DRIFT            behaviour drift confirmed on probe json (HIGH) in epoch ${epochId}`,
    );
    const json = await cli({ command: "status", stateDir: dir, key: "anthropic/sonnet" });
    expect(StatusRecordSchema.parse(JSON.parse(json.stdout!))).toMatchObject({
      type: "ORACLE_STATUS",
      version: 1,
      healthy: false,
      reasons: [{ code: "DRIFT" }],
    });
  });

  it("healthy exits 0 or 1; an unknown key exits 6 with suggestions", async () => {
    const { dir } = await state();
    const ok = await cli({ command: "healthy", stateDir: dir, key: "openai/gpt-4o" });
    expect(ok.exitCode).toBe(0);
    const sick = await cli({ command: "healthy", stateDir: dir, key: "anthropic/sonnet" }, true);
    expect(sick.exitCode).toBe(1);
    expect(sick.stdout).toContain("anthropic/sonnet: UNHEALTHY (behaviour drift");
    await expect(cli({ command: "healthy", stateDir: dir, key: "gpt-4o" })).rejects.toMatchObject({
      exitCode: 6,
      message: "unknown model gpt-4o in this epoch",
      hint: "did you mean openai/gpt-4o, openai/gpt-4o-mini?",
    });
  });

  it("list --by orders every listed model and shows its calls and health", async () => {
    const { dir } = await state();
    const out = await cli({ command: "list", stateDir: dir, by: "cost" }, true);
    const lines = out.stdout!.split("\n");
    expect(lines[0]).toMatch(
      /^model\s+context\s+rel\s+calls\s+p50 ms\s+cost\s+tools\s+out\s+health$/,
    );
    expect(lines.slice(2, 5).map((l) => l.split(/\s+/)[0])).toEqual([
      "openai/gpt-4o-mini",
      "openai/gpt-4o",
      "anthropic/sonnet",
    ]);
    expect(lines[2]).toMatch(/\s0\s.*TOO_FEW_CALLS$/);
    expect(lines[4]).toMatch(/DRIFT$/);
  });

  it("policy shows a model or none per role", async () => {
    const { dir } = await state();
    const out = await cli({ command: "policy", stateDir: dir }, true);
    expect(out.stdout).toMatch(/precision_math\s+openai\/gpt-4o/);
    expect(out.stdout).toMatch(/long_context_synthesis\s+\(no candidate\)/);
  });

  it("the summary counts listed, healthy and drifted models", async () => {
    const { dir, epochId } = await state();
    const out = await cli({ command: "summary", stateDir: dir });
    expect(SummaryRecordSchema.parse(JSON.parse(out.stdout!))).toMatchObject({
      listed: 3,
      healthy: 1,
      drifted: 1,
      epoch: { id: epochId },
    });
  });

  it("warns on stderr about a stale epoch in both output modes; --quiet drops the warning", async () => {
    const { dir } = await state();
    const out = await cli({ command: "route", stateDir: dir, staleAfterMs: 30_000 });
    expect(JSON.parse(out.stdout!).epoch.stale).toBe(true);
    expect(out.stderr).toContain("is 1 min old; is obs-poll still running?");
    const human = await cli({ command: "route", stateDir: dir, staleAfterMs: 30_000 }, true);
    expect(human.stderr).toContain("is 1 min old");
    const quiet = await cli({
      command: "route",
      stateDir: dir,
      staleAfterMs: 30_000,
      verbosity: "quiet",
    });
    expect(quiet.stderr).toBe("");
    expect(quiet.stdout).toBe(out.stdout);
  });

  it("--verbose says which epoch was read, how fast, and the query in full", async () => {
    const { dir, epochId } = await state();
    const out = await cli({ command: "route", stateDir: dir, verbosity: "verbose" });
    expect(out.stderr).toMatch(
      new RegExp(
        `^obs-oracle: read epoch ${epochId} of .* in \\d+ ms; answered in [\\d.]+ ms$`,
        "m",
      ),
    );
    expect(out.stderr).toContain('obs-oracle: query: {"minContext":null');
    expect((await cli({ command: "route", stateDir: dir })).stderr).toBe("");
  });

  it("colours only a terminal without NO_COLOR", async () => {
    const { dir } = await state();
    const run = { command: "status", stateDir: dir, key: "anthropic/sonnet", json: false } as const;
    const coloured = await execute({ ...run, verbosity: "normal" }, { ...io(true), env: {} });
    expect(coloured.stdout).toContain("\x1b[31mUNHEALTHY\x1b[39m");
    const piped = await execute(
      { ...run, json: true, verbosity: "normal" },
      { ...io(true), env: {} },
    );
    expect(piped.stdout).not.toContain("\x1b[");
  });
});
