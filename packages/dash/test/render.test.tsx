// The interactive view, rendered in-process with ink-testing-library against the scenario's
// state (and small broken ones): every panel, the keys, the filter, scrolling, a narrow
// terminal, the message screens, refresh and --watch.
import { appendFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { layout, readPointer } from "@observatory/core";
import { copyV1Tree } from "@observatory/test-fixtures";
import { cleanup, render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { stateSource, type WorldSource } from "../src/load/source.js";
import type { PanelId } from "../src/panels/types.js";
import { App } from "../src/tui/app.js";
import { copyOfState, sharedState, tempDir } from "./dirs.js";
import { CLAUDE, DEEPSEEK, MINI } from "./scenario.js";

afterEach(() => cleanup());

const ESC = "\u001b";
const KEYS = { tab: "\t", shiftTab: `${ESC}[Z`, down: `${ESC}[B`, enter: "\r", esc: ESC };

function mount(
  source: WorldSource,
  o: { columns?: number; rows?: number; watch?: boolean; panel?: PanelId; now?: () => number } = {},
) {
  const r = render(
    <App
      source={source}
      watch={o.watch ?? false}
      env={{}}
      colour={false}
      size={{ columns: o.columns ?? 120, rows: o.rows ?? 40 }}
      tickMs={0}
      {...(o.panel ? { panel: o.panel } : {})}
      {...(o.now ? { now: o.now } : {})}
    />,
  );
  const frame = () => r.lastFrame() ?? "";
  const lines = () => frame().split("\n");
  /** Polls the screen until `test` holds (renders and reads are asynchronous). */
  const until = async (test: (screen: string) => boolean, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!test(frame())) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; screen:\n${frame()}`);
      await new Promise((res) => setTimeout(res, 20));
    }
  };
  const see = (text: string) => until((s) => s.includes(text), JSON.stringify(text));
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      // Give ink a turn to parse the key (a lone Esc waits for a possible sequence).
      await new Promise((res) => setTimeout(res, k === ESC ? 80 : 10));
    }
  };
  const row = (start: string) => lines().find((l) => l.startsWith(start)) ?? "";
  return { ...r, frame, lines, until, see, press, row };
}

const shared = () => stateSource(sharedState());

describe("the dashboard's panels", () => {
  it("Providers: each provider's status, models, last poll and health; the epoch on top", async () => {
    const p = await readPointer(sharedState());
    const d = mount(shared());
    await d.see("[1 Providers]");
    if (p.kind !== "ok") throw new Error("no pointer");
    expect(d.lines()[1]).toMatch(
      new RegExp(
        `^epoch ${p.pointer.epoch_id}  \\d+\\w? .*old \\[DRIFT 1\\] \\[POLL ERRORS 2\\] \\[LOCKS VIOLATED 1\\]$`,
      ),
    );
    expect(d.frame()).toContain(
      "5 providers: 3 fresh, 1 carried forward, 1 error; 25 models listed",
    );
    // Healthy of listed: only the benchmarked models have the calls routing needs (the drifted
    // claude is not healthy; anthropic's other seven were never measured).
    expect(d.row("> anthropic")).toMatch(/fresh\s+8\s+\d+s ago\s+0\/8/);
    expect(d.row("  deepseek")).toMatch(/carried\s+2 .* carried from \d{8}T.*HTTP 50/);
    expect(d.row("  xai")).toMatch(/error\s+-\s+-\s+-\s+auth/);
    // The selected row's whole story, under the table.
    expect(d.frame()).toContain("anthropic: fresh, polled ");
    expect(d.lines().at(-1)).toContain(
      "1-5 panel  Tab next  j/k move  / filter  r refresh  q/Esc quit  1/5",
    );
  });

  it("an epoch older than a day is flagged STALE", async () => {
    const d = mount(shared(), { now: () => Date.now() + 2 * 86_400_000 });
    await d.see("[1 Providers]");
    expect(d.lines()[1]).toMatch(/^epoch \S+ {2}2d 0h old \[STALE\] \[DRIFT 1\]/);
  });

  it("Events: newest first; / filters by severity and type; a bad filter says why; Esc clears", async () => {
    const d = mount(shared());
    await d.see("[1 Providers]");
    await d.press("2");
    await d.see("[2 Events]");
    expect(d.row("> ")).toMatch(/HIGH\s+EXPERIMENT_DRIFT\s+experiment exp-drift violated/);
    await d.press("/", "sev>=HIGH", KEYS.enter);
    await d.see("filter: sev>=HIGH (2 of");
    const shown = d.lines().filter((l) => /^[> ] \d\d-\d\d /.test(l));
    expect(shown).toHaveLength(2);
    expect(shown[1]).toMatch(/HIGH\s+BEHAVIOR_DRIFT\s+anthropic\/claude-sonnet-4-5-20250929 json/);
    await d.press("/");
    await d.see("/sev>=HIGH_");
    await d.press("\u007f".repeat(9), "type=removed", KEYS.enter);
    await d.see("filter: type=removed (1 of");
    expect(d.row("> ")).toMatch(/MODEL_REMOVED\s+mistral\/open-mistral-nemo is no longer listed/);
    await d.press("/", " sev>=SEVERE", KEYS.enter);
    await d.see('unknown severity "SEVERE": one of INFO < LOW < MEDIUM < WARN < HIGH < CRITICAL');
    await d.press(KEYS.esc);
    await d.until((s) => !s.includes("unknown severity"), "the prompt to close");
    expect(d.frame()).toContain("filter: type=removed");
    await d.press(KEYS.esc);
    await d.until((s) => !s.includes("filter:"), "the filter to clear");
    expect(d.lines().at(-1)).toContain("q/Esc quit");
  });

  it("Registry: problems first, the oracle's reasons in the detail line", async () => {
    const d = mount(shared(), { panel: "registry" });
    await d.see("[3 Registry]");
    expect(d.frame()).toContain(
      "26 models (25 listed): 3 healthy, 22 unhealthy (1 DRIFT, 21 TOO_FEW_CALLS)",
    );
    expect(d.row("> ")).toMatch(
      new RegExp(`^> ${CLAUDE}\\s+200k\\s+1\\.00\\s+\\d+\\s+\\d+\\s+-\\s+DRIFT$`),
    );
    expect(d.frame()).toMatch(
      /UNHEALTHY, reliability 1 over \d+ calls; behaviour drift confirmed on probe json\s+\(HIGH\)/,
    );
    await d.press("/", "health=not", KEYS.enter);
    await d.see("(1 of 26)");
    expect(d.row("> ")).toMatch(/^> mistral\/open-mistral-nemo\s.*NOT_LISTED$/);
  });

  it("Benchmarks: MATCH, a candidate with its streak, DRIFT and NO DATA per model and probe", async () => {
    const d = mount(shared(), { panel: "benchmarks" });
    await d.see("[4 Benchmarks]");
    expect(d.frame()).toContain("4 models x 6 probes:");
    expect(d.lines().find((l) => l.includes("ECHO"))).toMatch(
      /MODEL\s+ECHO\s+ARITHMETIC\s+SEQUENCE\s+FRACTION\s+JSON\s+TOOL_CALL/,
    );
    expect(d.row(`> ${CLAUDE}`)).toMatch(/MATCH\s+MATCH\s+MATCH\s+MATCH\s+DRIFT\s+MATCH$/);
    expect(d.row(`  ${MINI}`)).toMatch(/MATCH\s+CAND 2\/3\s+MATCH/);
    expect(d.row(`  ${DEEPSEEK}`)).toMatch(/(NO DATA\s+){5}NO DATA$/);
    expect(d.frame()).toMatch(
      /json DRIFT \(HIGH, epoch \d{8}T[^)]+\), now "\{\\"name\\":\\"test\\",\\"values/,
    );
    await d.press("/", "verdict=cand", KEYS.enter);
    await d.see("(1 of 4)");
    expect(d.frame()).toContain(`arithmetic CAND 2/3: "5" vs baseline "4"`);
  });

  it("Experiments: each lock's scope, obs-check's verdict now and the last violation logged", async () => {
    const d = mount(shared(), { panel: "experiments" });
    await d.see("[5 Experiments]");
    expect(d.frame()).toContain(
      "3 locks checked against this epoch: 1 clean, 1 violated, 1 unreadable",
    );
    expect(d.row("> broken")).toMatch(/INVALID/);
    expect(d.frame()).toContain("broken (INVALID): not valid JSON");
    expect(d.row("  exp-clean")).toMatch(/1 model .*\s6\s+CLEAN\s+6 MATCH\s+none logged/);
    expect(d.row("  exp-drift")).toMatch(
      /2 models .*\s12\s+VIOLATED\s+11 MATCH, 1 DRIFT\s+VIOLATED \d/,
    );
    await d.press("j", "j");
    await d.see("exp-drift (VIOLATED): locked to epoch");
    expect(d.frame()).toMatch(/BEHAVIOR_DRIFT: anthropic\/claude-sonnet-4-5-20250929 json/);
  });
});

describe("moving around", () => {
  it("1-5, Tab and Shift-Tab reach every panel; j/k and arrows move the cursor", async () => {
    const d = mount(shared());
    await d.see("[1 Providers]");
    for (const [key, tab] of [
      [KEYS.tab, "[2 Events]"],
      [KEYS.tab, "[3 Registry]"],
      [KEYS.tab, "[4 Benchmarks]"],
      [KEYS.tab, "[5 Experiments]"],
      [KEYS.tab, "[1 Providers]"],
      [KEYS.shiftTab, "[5 Experiments]"],
      ["3", "[3 Registry]"],
      ["1", "[1 Providers]"],
    ] as const) {
      await d.press(key);
      await d.see(tab);
    }
    await d.press("j", KEYS.down);
    await d.see("> mistral");
    await d.press("k");
    await d.see("> deepseek");
    expect(d.lines().at(-1)).toMatch(/2\/5$/);
  });

  it("a short screen scrolls to keep the cursor visible", async () => {
    const d = mount(shared(), { panel: "registry", rows: 14 });
    await d.see("[3 Registry]");
    const visible = () => d.lines().filter((l) => /^[> ] \w+\//.test(l));
    expect(visible()).toHaveLength(14 - 1 - 8);
    await d.press("G");
    await d.see("> mistral/open-mistral-nemo");
    expect(visible().at(-1)).toMatch(/^> mistral\/open-mistral-nemo/);
    expect(d.frame()).not.toContain(CLAUDE);
    expect(d.lines().at(-1)).toMatch(/26\/26$/);
    await d.press("g");
    await d.see(`> ${CLAUDE}`);
  });

  it("a narrow terminal: every line fits, columns give way; a resize lays it out again", async () => {
    const d = mount(shared(), { panel: "events", columns: 60, rows: 20 });
    await d.see("[2 Events]");
    expect(d.lines()).toHaveLength(19);
    for (const l of d.lines()) expect(l.length).toBeLessThanOrEqual(60);
    expect(d.row("> ")).toMatch(/^> \d\d-\d\d \d\d:\d\d:\d\d\s+HIGH\s+EXPERIMENT_DRIFT\s+\S.*…$/);
    const narrow = d.row("> ");
    d.rerender(
      <App
        source={shared()}
        watch={false}
        env={{}}
        colour={false}
        size={{ columns: 150, rows: 30 }}
        tickMs={0}
        panel="events"
      />,
    );
    await d.until((s) => s.split("\n").length === 29, "the taller layout");
    for (const l of d.lines()) expect(l.length).toBeLessThanOrEqual(150);
    expect(d.row("> ").length).toBeGreaterThan(narrow.length);
  });
});

describe("states it cannot show as a dashboard", () => {
  it("an empty state: the message and its hint", async () => {
    const dir = join(await tempDir(), "state");
    await mkdir(dir);
    const d = mount(stateSource(dir));
    await d.see("NO_STATE: no state at");
    expect(d.frame()).toContain(`hint: run obs-poll --state-dir ${dir} to commit the first epoch`);
    expect(d.lines().at(-1)).toBe("r retry  q/Esc quit");
  });

  it("a corrupt state names the file; a v1 state says to run obs-migrate", async () => {
    const dir = join(await tempDir(), "state");
    await mkdir(dir);
    await writeFile(join(dir, "current_epoch.json"), "{ garbage");
    const d = mount(stateSource(dir));
    await d.see("STATE_CORRUPT: no readable epoch in");
    expect(d.frame()).toContain("current_epoch.json: not valid JSON");
    expect(d.frame()).toContain("hint: the next obs-poll or obs-bench quarantines bad files");
    const v1 = join(await tempDir(), "v1");
    await copyV1Tree("fleet", v1);
    const e = mount(stateSource(v1));
    await e.see("STATE_V1:");
    expect(e.frame()).toContain(`hint: upgrade it first: obs-migrate --state-dir ${v1}`);
  });
});

describe("reading again", () => {
  it("r re-reads and says whether the epoch changed", async () => {
    const d = mount(shared());
    await d.see("[1 Providers]");
    await d.press("r");
    await d.see("refreshed: still epoch ");
  });

  it("--watch follows the pointer and the log, and reads nothing when nothing it shows moved", async () => {
    const dir = await copyOfState();
    let loads = 0;
    const base = stateSource(dir);
    const source: WorldSource = {
      ...base,
      load: () => {
        loads++;
        return base.load();
      },
    };
    const d = mount(source, { watch: true, panel: "events" });
    await d.see("[2 Events]");
    expect(loads).toBe(1);

    // A file the dashboard does not show: nothing is read again.
    await writeFile(join(dir, "notes.txt"), "hello");
    await new Promise((res) => setTimeout(res, 600));
    expect(loads).toBe(1);

    // An event logged without a commit (as obs-check logs a violation): shown, same epoch.
    const log = join(dir, "events.jsonl");
    const last = JSON.parse((await readFile(log, "utf8")).trim().split("\n").at(-1)!);
    const event = {
      v: 2,
      epoch_id: last.epoch_id,
      ts: new Date().toISOString(),
      severity: "WARN",
      type: "POLL_ERROR",
      provider: "watched",
      error: { kind: "server", message: "appended while watching" },
    };
    await appendFile(log, `${JSON.stringify(event)}\n`);
    await d.see("watched: poll failed (server): appended while watching");
    expect(loads).toBe(1);

    // The pointer moves (here to the parent epoch, written as a writer writes it).
    const p = await readPointer(dir);
    if (p.kind !== "ok") throw new Error("no pointer");
    const m = JSON.parse(await readFile(layout.manifestPath(dir, p.pointer.epoch_id), "utf8"));
    const moved = {
      ...p.pointer,
      epoch_id: m.parent.epoch_id,
      manifest_hash: m.parent.manifest_hash,
    };
    await writeFile(join(dir, ".pointer.tmp"), JSON.stringify(moved));
    await rename(join(dir, ".pointer.tmp"), layout.pointerPath(dir));
    await d.see(`the pointer moved: now epoch ${m.parent.epoch_id}`);
    expect(d.lines()[1]).toMatch(new RegExp(`^epoch ${m.parent.epoch_id} `));
    expect(loads).toBe(2);
  });
});
