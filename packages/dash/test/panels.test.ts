// The pure parts users feel: how a filter reads, how columns give way on a narrow terminal, how
// ages read, and what each key does to the view.

import {
  type BenchEntry,
  type BenchmarkStore,
  DEFAULT_DETECTOR_PARAMS,
  initialDetectorState,
} from "@observatory/core";
import { describe, expect, it } from "vitest";
import type { ModelRow } from "../src/load/models.js";
import type { World } from "../src/load/world.js";
import { benchmarkProbes, benchmarkRecords, benchmarksPanel } from "../src/panels/benchmarks.js";
import { matches, parseFilter } from "../src/panels/filter.js";
import { formatAge } from "../src/panels/format.js";
import { cut, fitColumns } from "../src/panels/layout.js";
import type { Row } from "../src/panels/types.js";
import { initialUi, onKey, splitKeys } from "../src/tui/state.js";

const row = (search: string, fields: Record<string, string>): Row => ({
  id: search,
  cells: [],
  detail: "",
  search,
  fields,
});

describe("the / filter", () => {
  const FIELDS = ["sev", "type", "subject", "epoch"];
  const drift = row("behavior_drift anthropic/claude json", {
    sev: "HIGH",
    type: "BEHAVIOR_DRIFT",
  });
  const added = row("model_added openai/gpt-4o", { sev: "INFO", type: "MODEL_ADDED" });
  const pollError = row("poll_error deepseek", { sev: "WARN", type: "POLL_ERROR" });
  const keep = (src: string) => {
    const r = parseFilter(src, FIELDS);
    if (!r.ok) throw new Error(r.error);
    return [drift, added, pollError]
      .filter((x) => matches(x, r.filter))
      .map((x) => x.fields?.["type"]);
  };

  it.each([
    ["sev>=WARN", ["BEHAVIOR_DRIFT", "POLL_ERROR"]],
    ["sev>warn", ["BEHAVIOR_DRIFT"]],
    ["sev<=WARN", ["MODEL_ADDED", "POLL_ERROR"]],
    ["sev<WARN", ["MODEL_ADDED"]],
    ["sev=INFO", ["MODEL_ADDED"]],
    ["type=drift", ["BEHAVIOR_DRIFT"]],
    ["type=MODEL_ADDED,POLL", ["MODEL_ADDED", "POLL_ERROR"]],
    ["gpt-4o", ["MODEL_ADDED"]],
    ["sev>=INFO OPENAI", ["MODEL_ADDED"]],
    ["sev>=HIGH deepseek", []],
    ["", ["BEHAVIOR_DRIFT", "MODEL_ADDED", "POLL_ERROR"]],
  ])("%s keeps %j", (src, types) => {
    expect(keep(src)).toEqual(types);
  });

  it.each([
    ["sev>=BOGUS", /unknown severity "BOGUS": one of INFO < LOW/],
    ["health=DRIFT", /unknown field "health": this panel filters on sev, type, subject, epoch/],
    ["type>=X", /takes = only/],
    ["type=", /needs a value/],
  ])("%s is refused with a reason", (src, error) => {
    const r = parseFilter(src, FIELDS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});

describe("columns on a narrow terminal", () => {
  const cols = [
    { title: "MODEL", min: 10 },
    { title: "STATUS", min: 7, max: 7 },
    { title: "WHAT", min: 8 },
  ];
  const cells = [[{ text: "a".repeat(40) }, { text: "fresh" }, { text: "b".repeat(60) }]];

  it("fit a wide terminal at their natural widths", () => {
    expect(fitColumns(cols, cells, 200)).toEqual([40, 7, 60]);
  });

  it("give way, unbounded ones first and never below their minimum", () => {
    const w = fitColumns(cols, cells, 60);
    expect(w[1]).toBe(7);
    expect(w[0]! + w[1]! + w[2]! + 4).toBeLessThanOrEqual(60);
    expect(fitColumns(cols, cells, 10)).toEqual([10, 7, 8]);
  });

  it("cut text with an ellipsis", () => {
    expect(cut("anthropic/claude", 8)).toBe("anthrop…");
    expect(cut("short", 8)).toBe("short");
  });
});

describe("ages", () => {
  it.each([
    [0, "0s"],
    [59_000, "59s"],
    [192_000, "3m 12s"],
    [7_500_000, "2h 5m"],
    [100 * 3_600_000, "4d 4h"],
  ])("%d ms reads %s", (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});

describe("keys", () => {
  const screen = { rows: 30, page: 10, fields: ["sev", "type"] };
  const press = (keys: Array<[string, Record<string, boolean>?]>, start = initialUi()) => {
    let ui = start;
    const effects: string[] = [];
    for (const [input, key] of keys) {
      const r = onKey(ui, input, key ?? {}, screen);
      ui = r.ui;
      if (r.effect) effects.push(r.effect);
    }
    return { ui, effects };
  };

  it("1-5 pick a panel, Tab and Shift-Tab cycle through all five", () => {
    expect(press([["3"]]).ui.panel).toBe("registry");
    expect(press([["", { tab: true }]]).ui.panel).toBe("events");
    expect(press([["", { tab: true, shift: true }]]).ui.panel).toBe("experiments");
    const five = press(
      Array.from({ length: 5 }, () => ["", { tab: true }] as [string, { tab: boolean }]),
    );
    expect(five.ui.panel).toBe("providers");
  });

  it("j/k and arrows move within the rows, paging scrolls to keep the cursor visible", () => {
    expect(press([["j"], ["j"], ["k"]]).ui.cursor.providers).toBe(1);
    expect(press([["k"]]).ui.cursor.providers).toBe(0);
    const bottom = press([["G"]]).ui;
    expect(bottom.cursor.providers).toBe(29);
    expect(bottom.top.providers).toBe(20);
    expect(press([["", { pageDown: true }]]).ui.cursor.providers).toBe(10);
    expect(press([["", { downArrow: true }]]).ui.cursor.providers).toBe(1);
  });

  it("/ edits a filter: Enter applies it, a bad one stays open with the reason", () => {
    const typed = press([["/"], ["s"], ["e"], ["v"], [">"], ["="], ["H"], ["I"], ["G"], ["H"]]).ui;
    expect(typed.prompt?.text).toBe("sev>=HIGH");
    const applied = press([["", { return: true }]], typed).ui;
    expect(applied.prompt).toBeNull();
    expect(applied.filters.providers?.source).toBe("sev>=HIGH");
    const bad = press([["/"], ["x"], ["="]]).ui;
    const refused = press([["", { return: true }]], bad).ui;
    expect(refused.prompt?.error).toMatch(/unknown field "x"/);
  });

  it("Esc clears the filter first, then quits; q quits; r refreshes", () => {
    const filtered = press([["/"], ["x"], ["", { return: true }]]).ui;
    const once = press([["", { escape: true }]], filtered);
    expect(once.ui.filters.providers).toBeNull();
    expect(once.effects).toEqual([]);
    expect(press([["", { escape: true }]], once.ui).effects).toEqual(["quit"]);
    expect(press([["q"]]).effects).toEqual(["quit"]);
    expect(press([["r"]]).effects).toEqual(["refresh"]);
  });

  it("keys that arrive together are taken one at a time, Enter included", () => {
    expect(splitKeys("2/", {})).toEqual([
      ["2", {}],
      ["/", {}],
    ]);
    expect(splitKeys("ab\r", {}).at(-1)).toEqual(["", { return: true }]);
    expect(splitKeys("j", { ctrl: true })).toEqual([["j", { ctrl: true }]]);
  });
});

describe("benchmark cells", () => {
  const entry = (
    verdict: BenchEntry["last_verdict"],
    extra: Partial<BenchEntry["state"]> = {},
  ) => ({
    state: { ...initialDetectorState(), status: "ACTIVE" as const, baseline: "4", ...extra },
    observed_in: "20261121T000000.000Z-0000",
    last_verdict: verdict,
    baseline_since: "20261120T000000.000Z-0000",
    drift: null,
  });
  const store: BenchmarkStore = {
    schema: "observatory.benchmarks/1",
    params: DEFAULT_DETECTOR_PARAMS,
    models: {
      "p/a": {
        echo: entry("MATCH"),
        arithmetic: entry("VARIANT"),
        sequence: entry("CANDIDATE", { streak: 1, candidates: ["9"] }),
        fraction: entry("NO_DATA"),
        json: entry("BASELINE"),
        tool_call: entry("MATCH"),
      },
      "p/b": {
        echo: {
          ...entry(null, { status: "NEEDS_REBASELINE", baseline: null }),
          observed_in: null,
          baseline_since: null,
        },
      },
    },
  };
  const drifted: ModelRow = {
    key: "p/a",
    provider: "p",
    listed: true,
    contextLength: null,
    costClass: null,
    reliability: null,
    calls: 0,
    latencyP50Ms: null,
    latencyP95Ms: null,
    // Drift confirmed earlier on tool_call; its answers now match the new baseline.
    drift: [
      {
        probe: "tool_call",
        severity: "CRITICAL",
        epochId: "20261120T000000.000Z-0000",
        recent: true,
      },
    ],
    health: null,
  };
  const world = { benchmarks: store, models: [drifted] } as unknown as World;
  const ctx = { nowMs: 0, redact: (s: string) => s };

  it("read MATCH, VARIANT, CAND n/K, NO DATA, BASE, DRIFT, REBASE and - (never benchmarked)", () => {
    const probes = benchmarkProbes(world);
    expect(probes).toEqual(["echo", "arithmetic", "sequence", "fraction", "json", "tool_call"]);
    const view = benchmarksPanel(benchmarkRecords(world, ctx), probes);
    expect(view.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ["p/a", "MATCH", "VARIANT", "CAND 1/3", "NO DATA", "BASE", "DRIFT"],
      ["p/b", "REBASE", "-", "-", "-", "-", "-"],
    ]);
    expect(view.rows[0]!.detail).toContain('sequence CAND 1/3: "9" vs baseline "4"');
    expect(view.summary).toBe(
      "2 models x 6 probes: 1 MATCH, 1 VARIANT, 1 CANDIDATE, 1 NO_DATA, 1 BASELINE, 1 DRIFT, 1 REBASELINE",
    );
  });
});
