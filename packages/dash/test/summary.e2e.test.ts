// obs-dash with stdout not a terminal: the one-shot summary of all five panels (and --json),
// run as a user would, on the scenario's state.
import { appendFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { readPointer } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { run } from "./bins.js";
import { copyOfState, sharedState } from "./dirs.js";
import { CLAUDE, DEEPSEEK, MINI, SECRET_IN_NOTES } from "./scenario.js";

async function pointerEpoch(dir: string): Promise<string> {
  const p = await readPointer(dir);
  if (p.kind !== "ok") throw new Error("no pointer");
  return p.pointer.epoch_id;
}

/** The lines of one panel's section of the summary. */
function section(out: string, title: string): string[] {
  const lines = out.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`== ${title}:`));
  if (start < 0) throw new Error(`no ${title} section in:\n${out}`);
  const end = lines.findIndex((l, i) => i > start && l === "");
  return lines.slice(start, end < 0 ? undefined : end);
}

const rowOf = (lines: string[], start: string) => lines.find((l) => l.startsWith(start)) ?? "";

describe("obs-dash, not on a terminal", () => {
  it("prints every panel of the committed epoch and exits 0", async () => {
    const dir = sharedState();
    const r = await run("obs-dash", ["--state-dir", dir, "--limit", "0"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = r.stdout;
    // No colour, no cursor movement: plain text for a pipe.
    expect(out).not.toContain("\u001b");
    expect(out).toContain(`epoch ${await pointerEpoch(dir)}`);
    expect(out).toMatch(/\[DRIFT 1\] \[POLL ERRORS 2\] \[LOCKS VIOLATED 1\]/);

    const providers = section(out, "Providers");
    expect(providers[0]).toContain("5 providers: 3 fresh, 1 carried forward, 1 error");
    expect(rowOf(providers, "deepseek")).toMatch(/carried .* carried from \d{8}T.*HTTP 502/);
    expect(rowOf(providers, "xai")).toMatch(/^xai\s+error\s+-\s+-\s+-\s+auth/);
    expect(rowOf(providers, "openai")).toMatch(/^openai\s+fresh\s+10\s+(\d+m )?\d+s ago\s+2\/10/);

    const events = section(out, "Events");
    // Newest first: obs-check's violation is the last thing logged.
    expect(events[3]).toMatch(/HIGH\s+EXPERIMENT_DRIFT\s+experiment exp-drift violated/);
    expect(events.some((l) => /HIGH\s+BEHAVIOR_DRIFT\s+anthropic\/claude-sonnet/.test(l))).toBe(
      true,
    );
    expect(events.some((l) => /MODEL_REMOVED\s+mistral\/open-mistral-nemo/.test(l))).toBe(true);

    const registry = section(out, "Registry");
    // Problems first: the drifted model heads the list, the unlisted one closes it.
    expect(registry[3]).toMatch(
      new RegExp(`^${CLAUDE}\\s+200k\\s+1\\.00\\s+\\d+\\s+\\d+\\s+-\\s+DRIFT$`),
    );
    expect(registry.at(-1)).toMatch(/^mistral\/open-mistral-nemo\s.*NOT_LISTED$/);

    const bench = section(out, "Benchmarks");
    expect(bench[1]).toMatch(
      /^MODEL\s+ECHO\s+ARITHMETIC\s+SEQUENCE\s+FRACTION\s+JSON\s+TOOL_CALL$/,
    );
    expect(rowOf(bench, CLAUDE)).toMatch(/MATCH\s+MATCH\s+MATCH\s+MATCH\s+DRIFT\s+MATCH$/);
    expect(rowOf(bench, MINI)).toMatch(/MATCH\s+CAND 2\/3\s+MATCH/);
    expect(rowOf(bench, DEEPSEEK)).toMatch(/(NO DATA\s+){5}NO DATA$/);

    const exps = section(out, "Experiments");
    expect(exps[0]).toContain(
      "3 locks checked against this epoch: 1 clean, 1 violated, 1 unreadable",
    );
    expect(rowOf(exps, "exp-drift")).toMatch(
      /2 models .* 12\s+VIOLATED\s+11 MATCH, 1 DRIFT\s+VIOLATED \d/,
    );
    expect(rowOf(exps, "exp-clean")).toMatch(/1 model .* 6\s+CLEAN\s+6 MATCH\s+none logged/);
    expect(rowOf(exps, "broken")).toMatch(/INVALID/);
  });

  it("--json prints the same panels as data", async () => {
    const dir = sharedState();
    const r = await run("obs-dash", ["--state-dir", dir, "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.type).toBe("DASH_SUMMARY");
    expect(doc.epoch.id).toBe(await pointerEpoch(dir));
    expect(doc.alarms).toEqual({ drifted_models: 1, provider_errors: 2, violated_locks: 1 });
    const bench = Object.fromEntries(
      doc.panels.benchmarks.map((b: { key: string; probes: unknown }) => [b.key, b.probes]),
    );
    expect(bench[CLAUDE].json).toMatchObject({ state: "DRIFT", drift: { recent: true } });
    expect(bench[MINI].arithmetic).toMatchObject({
      state: "CANDIDATE",
      streak: 2,
      candidates: ["5"],
    });
    const claude = doc.panels.registry.find((m: { key: string }) => m.key === CLAUDE);
    expect(claude).toMatchObject({ healthy: false, health: "DRIFT" });
    expect(claude.reasons[0]).toMatch(/behaviour drift confirmed on probe json/);
  });

  it("--panel prints one panel and --limit caps its rows", async () => {
    const r = await run("obs-dash", [
      "--state-dir",
      sharedState(),
      "--panel",
      "events",
      "--limit",
      "3",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("== Providers");
    const events = section(r.stdout, "Events");
    expect(events).toHaveLength(1 + 2 + 3 + 1);
    expect(events.at(-1)).toMatch(/^\.\.\. and \d+ more \(--limit 0 shows all\)$/);
  });

  it("never shows a secret, whatever a state file holds", async () => {
    const env = { OPENAI_API_KEY: SECRET_IN_NOTES };
    for (const args of [["--limit", "0"], ["--json"]]) {
      const r = await run("obs-dash", ["--state-dir", sharedState(), ...args], env);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain(SECRET_IN_NOTES);
    }
    const json = await run("obs-dash", ["--state-dir", sharedState(), "--json"], env);
    const clean = JSON.parse(json.stdout).panels.experiments.find(
      (e: { name: string }) => e.name === "exp-clean",
    );
    expect(clean.notes).toBe("key [REDACTED]");
  });

  it("shows only committed epochs: events of an epoch the pointer never named are left out", async () => {
    const dir = await copyOfState();
    const current = await pointerEpoch(dir);
    const log = join(dir, "events.jsonl");
    const last = JSON.parse((await readFile(log, "utf8")).trim().split("\n").at(-1)!);
    // An append for a commit that never flipped the pointer (a crash after the events write).
    const newer = current.replace(/-\d{4}$/, "-9999");
    const ghost = {
      ...last,
      epoch_id: newer,
      type: "POLL_ERROR",
      severity: "WARN",
      provider: "ghost",
    };
    delete ghost.lock;
    delete ghost.locked_epoch_id;
    delete ghost.violations;
    ghost.error = { kind: "server", message: "never committed" };
    await appendFile(log, `${JSON.stringify(ghost)}\n`);
    const r = await run("obs-dash", ["--state-dir", dir, "--panel", "events", "--json"]);
    expect(r.code).toBe(0);
    const events = JSON.parse(r.stdout).panels.events as Array<{ description: string }>;
    expect(events.length).toBeGreaterThan(10);
    expect(events.map((e) => e.description).join("\n")).not.toContain("never committed");
  });
});
