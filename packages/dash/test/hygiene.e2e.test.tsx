// Terminal hygiene (invariant 12): a provider lists a model whose id carries escape sequences,
// CR, a newline and a bidi override, and a lock's notes carry the same. obs-dash's one-shot
// summary and the interactive panels show them escaped and keep the columns; --json keeps the
// exact strings.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  fixtureEnv,
  HOSTILE_ID as HOSTILE,
  hostileModel,
  rawTerminalPieces as raw,
  HOSTILE_ID_SHOWN as SHOWN,
  startFixtureServer,
} from "@observatory/test-fixtures";
import { cleanup, render } from "ink-testing-library";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { stateSource } from "../src/load/source.js";
import type { PanelId } from "../src/panels/types.js";
import { App } from "../src/tui/app.js";
import { run } from "./bins.js";

let root = "";
let stateDir = "";

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "obs-dash-hygiene-"));
  stateDir = join(root, "state");
  const server = await startFixtureServer({
    scenario: {
      seed: 1,
      catalogs: {
        openai: {
          add: [
            {
              fromPoll: 1,
              models: [hostileModel()],
            },
          ],
        },
      },
    },
  });
  try {
    const env = { ...fixtureEnv(server, ["openai"]), OBS_STATE_DIR: stateDir };
    const poll = await run(
      "obs-poll",
      ["--no-canary", "--benchmark", "--models", "openai/gpt-4o"],
      env,
    );
    expect(poll.code).toBe(0);
    const lock = await run("obs-lock", ["exp", "--providers", "openai", "--notes", HOSTILE], env);
    expect(lock.code).toBe(0);
  } finally {
    await server.close();
  }
});

afterAll(() => rm(root, { recursive: true, force: true }));
afterEach(() => cleanup());

describe("obs-dash: provider and state strings reach the terminal escaped", () => {
  it("the one-shot summary shows the hostile id and notes escaped, one line each", async () => {
    const r = await run("obs-dash", ["--state-dir", stateDir, "--limit", "0"]);
    expect(r.code).toBe(0);
    expect(raw(r.stdout)).toEqual([]);
    const lines = r.stdout.split("\n");
    // Registry row and the MODEL_ADDED event both name the model, escaped.
    expect(lines.some((l) => l.startsWith(`openai/${SHOWN}`.slice(0, 30)))).toBe(true);
    expect(lines.some((l) => l.includes("MODEL_ADDED") && l.includes("gpt\\x1b]0;"))).toBe(true);
    expect(lines.some((l) => l.startsWith("FAKE LINE") || l.startsWith("ok"))).toBe(false);
  });

  it("--json keeps the exact id; notes are not escaped there", async () => {
    const r = await run("obs-dash", ["--state-dir", stateDir, "--json"]);
    const doc = JSON.parse(r.stdout);
    expect(doc.panels.registry.map((m: { key: string }) => m.key)).toContain(`openai/${HOSTILE}`);
    // The experiments records fold whitespace to one line (and redact secrets) by design, so
    // only the escape sequence is checked: JSON carries it as it is, never as "\\x1b".
    const notes = doc.panels.experiments.map((x: { notes: string }) => x.notes).join();
    expect(notes).toContain("gpt\u001b]0;pwned\u0007\u001b[2J");
  });

  it.each(["registry", "events", "experiments"] as PanelId[])(
    "the interactive %s panel shows it escaped",
    async (panel) => {
      const d = render(
        <App
          source={stateSource(stateDir)}
          watch={false}
          env={{}}
          colour={false}
          size={{ columns: 200, rows: 40 }}
          tickMs={0}
          panel={panel}
        />,
      );
      const deadline = Date.now() + 10_000;
      while (!(d.lastFrame() ?? "").includes("gpt\\x1b]0;")) {
        if (Date.now() > deadline) throw new Error(`no escaped id on:\n${d.lastFrame()}`);
        await new Promise((res) => setTimeout(res, 20));
      }
      expect(raw(d.lastFrame() ?? "")).toEqual([]);
    },
  );
});
