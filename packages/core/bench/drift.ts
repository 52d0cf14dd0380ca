// Drift detector figures: false alarms, detection delay and calls per poll, measured by the
// seeded simulation in src/drift/simulate.ts and compared with the targets.
import { type Figure, recordFigures, verdict } from "../../../bench/record.ts";
import { DEFAULT_DETECTOR_PARAMS } from "../src/drift/detector-state.js";
import {
  type ChangeResult,
  DEFAULT_SIM_CONFIG,
  type SimConfig,
  type StableResult,
  simulateChange,
  simulateStable,
} from "../src/drift/simulate.js";

const FLIP_RATES = [0.05, 0.1, 0.2];
const POLLS = 100; // 200 models x 6 probes x 100 polls = 120,000 steps per flip rate
const WARMUP = 20; // healthy polls before the change: fills the window W
const HORIZON = 30; // polls after the change within which DRIFT must come
const K = DEFAULT_DETECTOR_PARAMS.K;

interface Row {
  flipRate: number;
  stable: StableResult;
  change: ChangeResult;
}

function measure(base: SimConfig): Row[] {
  return FLIP_RATES.map((flipRate) => {
    const cfg = { ...base, flipRate };
    return {
      flipRate,
      stable: simulateStable(cfg, POLLS),
      change: simulateChange(cfg, WARMUP, HORIZON),
    };
  });
}

const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;

function table(title: string, rows: Row[]): string {
  const head = [
    "flips",
    "steps",
    "false DRIFT",
    "per 10k",
    "calls/poll",
    "changes",
    "detected",
    "mean delay",
    "worst",
    "<= K",
    "false (change)",
  ];
  const body = rows.map(({ flipRate, stable, change }) => [
    pct(flipRate),
    String(stable.steps),
    String(stable.falseDrifts),
    stable.falseDriftsPer10k.toFixed(2),
    stable.callsPerPoll.toFixed(3),
    String(change.trials),
    String(change.detected),
    change.meanDelay.toFixed(3),
    String(change.worstDelay),
    pct(change.withinK),
    String(change.falseDrifts),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join("  ");
  return [title, line(head), ...body.map(line)].join("\n");
}

function checks(rows: Row[]): string[] {
  const at = (rate: number) => rows.find((r) => r.flipRate === rate)!;
  const figures: Figure[] = [];
  const check = (ok: boolean, what: string, value: string, target: string) => {
    figures.push({ area: "drift", figure: what, value, target, result: verdict(ok) });
    return `${ok ? "PASS" : "FAIL"}  ${what}: ${value} (target ${target})`;
  };
  const out = [
    check(
      at(0.05).stable.falseDrifts === 0,
      "false DRIFT per 10k steps at 5% flips",
      at(0.05).stable.falseDriftsPer10k.toFixed(2),
      "0",
    ),
    check(
      at(0.1).stable.falseDriftsPer10k <= 1,
      "false DRIFT per 10k steps at 10% flips",
      at(0.1).stable.falseDriftsPer10k.toFixed(2),
      "<= 1",
    ),
  ];
  for (const rate of [0.05, 0.1]) {
    const c = at(rate).change;
    out.push(
      check(
        c.detected === c.trials,
        `changes detected at ${pct(rate)} flips`,
        `${c.detected}/${c.trials}`,
        "all",
      ),
      check(
        c.meanDelay <= K,
        `mean detection delay at ${pct(rate)} flips`,
        `${c.meanDelay.toFixed(3)} polls`,
        `<= K = ${K}`,
      ),
      check(
        c.worstDelay <= K,
        `worst detection delay at ${pct(rate)} flips`,
        `${c.worstDelay} polls, ${pct(c.withinK)} within K`,
        `<= K = ${K}`,
      ),
    );
  }
  // Why worst > K can happen at all: a poll whose R samples are all flips has no evidence for
  // the new value, so no K-poll rule can count it. That floor is about K * f^R per change.
  for (const rate of [0.05, 0.1]) {
    const floor = K * rate ** DEFAULT_DETECTOR_PARAMS.R;
    out.push(
      `      note: at ${pct(rate)} flips ${pct(1 - at(rate).change.withinK, 2)} of changes took > K ` +
        `polls; all-flip polls alone predict about ${pct(floor, 2)} (K * f^R)`,
    );
  }
  out.push(
    check(
      at(0.1).stable.callsPerPoll < 1.3,
      "calls per poll at 10% flips",
      at(0.1).stable.callsPerPoll.toFixed(3),
      "< 1.3",
    ),
  );
  recordFigures(figures);
  return out;
}

export async function runDriftBench(): Promise<void> {
  const p = DEFAULT_DETECTOR_PARAMS;
  const cfg = DEFAULT_SIM_CONFIG;
  const started = Date.now();
  const targets = measure(cfg);
  // Informational scenarios (no targets), at half the size to keep `pnpm bench` quick.
  const failing = measure({ ...cfg, models: 100, failureRate: 0.02 });
  const sticky = measure({ ...cfg, models: 100, sticky: true });
  console.log(
    [
      "",
      `== drift detector: R=${p.R} K=${p.K} T=${p.T} W=${p.W} minWindow=${p.minWindow}, seed ${cfg.seed}`,
      `   ${pct(cfg.surfaceRate)} surface variants through the real canonicalizers; delay counts the first changed poll as 1`,
      "",
      table("Target scenario: random wrong value on each flip, no call failures", targets),
      "",
      ...checks(targets),
      "",
      table(
        "Informational: plus 2% failed calls (a failed poll is no data and still costs a poll)",
        failing,
      ),
      "",
      table(
        "Informational: every flip is the same wrong value (a consistent alternative answer)",
        sticky,
      ),
      "",
      `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
    ].join("\n"),
  );
}
