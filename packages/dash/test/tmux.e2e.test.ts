// The real obs-dash binary in a real terminal (tmux): every panel through its keys, the filter,
// a resize, --watch picking up a commit by the real obs-poll, colour on and off, and quitting
// back to the shell. Fails (does not skip) when tmux is missing.

import { readPointer } from "@observatory/core";
import { fixtureEnv, startFixtureServer } from "@observatory/test-fixtures";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { binPath, run } from "./bins.js";
import { copyOfState } from "./dirs.js";
import { CLAUDE, MINI, SCENARIO } from "./scenario.js";
import { requireTmux, sh, Terminal } from "./tmux.js";

const terminals: Terminal[] = [];
afterEach(async () => {
  for (const t of terminals.splice(0)) await t.stop();
});

beforeAll(async () => {
  await requireTmux();
});

/** obs-dash in a fresh 120x40 terminal, with only the environment given (plus PATH and TERM). */
async function dash(args: string[], env: Record<string, string> = {}): Promise<Terminal> {
  const vars = Object.entries({
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    HOME: process.env["HOME"] ?? "/tmp",
    TERM: "xterm-256color",
    LANG: "C.UTF-8",
    ...env,
  }).map(([k, v]) => `${k}=${sh(v)}`);
  const cmd = [process.execPath, binPath("obs-dash"), ...args].map(sh).join(" ");
  const t = await Terminal.start({
    columns: 120,
    rows: 40,
    // The shell line after obs-dash shows its exit code once it quits.
    command: `env -i ${vars.join(" ")} ${cmd}; echo "obs-dash exited $?"; sleep 600`,
  });
  terminals.push(t);
  return t;
}

/** An SGR sequence (colour, bold, inverse...): ESC [ params m. */
const SGR_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);

describe("obs-dash in a terminal", () => {
  it("drives every panel, filters, resizes, follows a commit and quits", async () => {
    const dir = await copyOfState();
    const t = await dash(["--state-dir", dir, "--watch"]);
    await t.see("[1 Providers]");
    await t.see("> anthropic");
    expect(await t.screen(true)).toMatch(SGR_COLOUR);

    await t.keys("2");
    await t.see("[2 Events]");
    await t.see("EXPERIMENT_DRIFT");
    await t.keys("/");
    await t.see("Enter applies, Esc cancels");
    await t.type("sev>=HIGH");
    await t.keys("Enter");
    await t.see("filter: sev>=HIGH (2 of");
    await t.keys("Escape");
    await t.until((s) => !s.includes("filter:"), "the filter to clear");

    await t.keys("3");
    await t.see("[3 Registry]");
    await t.until((s) => new RegExp(`> ${CLAUDE}\\s.*DRIFT`).test(s), "the drifted model first");
    await t.keys("4");
    await t.see("[4 Benchmarks]");
    await t.until((s) => new RegExp(`${MINI}\\s.*CAND 2/3`).test(s), "the candidate's streak");
    await t.keys("5");
    await t.see("[5 Experiments]");
    await t.until((s) => /exp-drift\s.*VIOLATED/.test(s), "the violated lock");
    await t.keys("Tab");
    await t.see("[1 Providers]");
    await t.keys("BTab");
    await t.see("[5 Experiments]");
    await t.keys("1", "j");
    await t.see("> deepseek");

    await t.resize(80, 24);
    // Redrawn for the new size: the whole screen, tabs to footer, cursor where it was.
    const small = await t.until(
      (s) =>
        s.split("\n").length <= 25 &&
        s.startsWith(" MODEL OBSERVATORY") &&
        s.includes("[1 Providers]") &&
        s.includes("> deepseek") &&
        s.includes("1-5 panel"),
      "the 80x24 layout",
    );
    for (const line of small.split("\n")) expect(line.length).toBeLessThanOrEqual(80);

    // A commit by the real obs-poll: the view moves to the new epoch by itself.
    const server = await startFixtureServer({ scenario: SCENARIO });
    try {
      const polled = await run(
        "obs-poll",
        ["--state-dir", dir, "--no-canary", "--providers", "openai"],
        fixtureEnv(server, ["openai"]),
      );
      expect(polled.code).toBe(0);
    } finally {
      await server.close();
    }
    const p = await readPointer(dir);
    if (p.kind !== "ok") throw new Error("no pointer after obs-poll");
    await t.see(`the pointer moved: now epoch ${p.pointer.epoch_id}`);
    expect((await t.screen()).split("\n")[1]).toContain(`epoch ${p.pointer.epoch_id}`);

    await t.keys("q");
    const after = await t.see("obs-dash exited 0");
    // The alternate screen is gone: the shell's screen is back, without the dashboard.
    expect(after).not.toContain("MODEL OBSERVATORY");
  });

  it.each<Record<string, string>>([{ NO_COLOR: "1" }, { FORCE_COLOR: "0" }])(
    "%j: no colour at all; Esc quits",
    async (env) => {
      const dir = await copyOfState();
      const t = await dash(["--state-dir", dir, "--panel", "benchmarks"], env);
      await t.see("[4 Benchmarks]");
      await t.see("DRIFT");
      expect(await t.screen(true)).not.toMatch(SGR_COLOUR);
      await t.keys("Escape");
      await t.see("obs-dash exited 0");
    },
  );

  it("an empty state directory is a message, not a crash; q quits", async () => {
    const dir = `${await copyOfState()}-never-polled`;
    // CI=true: ink would draw only at exit (is-in-ci); on a terminal obs-dash draws regardless.
    const t = await dash(["--state-dir", dir], { CI: "true" });
    await t.see("NO_STATE: no state at");
    await t.see("hint: run obs-poll --state-dir");
    await t.keys("q");
    await t.see("obs-dash exited 0");
  });
});
