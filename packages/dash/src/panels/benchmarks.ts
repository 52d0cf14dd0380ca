// Benchmarks: per model and probe, what the drift detector's state in this epoch says: MATCH
// (or BASE, the first baseline), VARIANT (sampling noise, absorbed), CAND n/K (a new answer on
// a streak, not confirmed), DRIFT (confirmed within the oracle's drift window), NO DATA (the
// last poll's calls failed) or "-" (never benchmarked).
import { type BenchEntry, BUILTIN_PROBES } from "@observatory/core";
import type { World } from "../load/world.js";
import type { PanelContext } from "./context.js";
import { oneLine } from "./format.js";
import type { Column, PanelView, Row, Tone } from "./types.js";

export type CellState =
  | "MATCH"
  | "BASELINE"
  | "VARIANT"
  | "CANDIDATE"
  | "DRIFT"
  | "NO_DATA"
  | "REBASELINE"
  | "NONE";

export interface ProbeCell {
  state: CellState;
  /** What the cell shows: MATCH, BASE, VARIANT, CAND 2/3, DRIFT, NO DATA, REBASE or "-". */
  label: string;
  baseline: string | null;
  /** The new answer(s) on a streak, for a candidate. */
  candidates: string[];
  streak: number;
  observedIn: string | null;
  /** The last confirmed drift on this probe, recent or not. */
  drift: { epochId: string; severity: string; recent: boolean } | null;
}

export interface BenchmarkRecord {
  key: string;
  provider: string;
  probes: Record<string, ProbeCell>;
}

export function benchmarkProbes(world: World): string[] {
  const seen = new Set<string>();
  for (const probes of Object.values(world.benchmarks?.models ?? {}))
    for (const p of Object.keys(probes)) seen.add(p);
  const builtin = BUILTIN_PROBES.map((p) => p.id).filter((id) => seen.has(id));
  return [...builtin, ...[...seen].filter((p) => !builtin.includes(p)).sort()];
}

export function benchmarkRecords(world: World, ctx: PanelContext): BenchmarkRecord[] {
  const store = world.benchmarks;
  if (store === null) return [];
  const K = store.params.K;
  const probes = benchmarkProbes(world);
  const drifts = new Map(world.models.map((m) => [m.key, m.drift]));
  return Object.keys(store.models)
    .sort()
    .map((key) => {
      const entries = store.models[key]!;
      const modelDrifts = drifts.get(key) ?? [];
      const cells: Record<string, ProbeCell> = {};
      for (const probe of probes) {
        const d = modelDrifts.find((x) => x.probe === probe);
        const drift = d ? { epochId: d.epochId, severity: d.severity, recent: d.recent } : null;
        cells[probe] = cell(entries[probe], drift, K, ctx);
      }
      return { key, provider: key.slice(0, key.indexOf("/")), probes: cells };
    });
}

function cell(
  e: BenchEntry | undefined,
  drift: ProbeCell["drift"],
  K: number,
  ctx: PanelContext,
): ProbeCell {
  const base = {
    baseline:
      e?.state.baseline === undefined || e.state.baseline === null
        ? null
        : ctx.redact(e.state.baseline),
    candidates: (e?.state.candidates ?? []).map(ctx.redact),
    streak: e?.state.streak ?? 0,
    observedIn: e?.observed_in ?? null,
    drift,
  };
  const state = cellState(e, drift);
  const label = state === "CANDIDATE" ? `CAND ${base.streak}/${K}` : LABELS[state];
  return { state, label, ...base };
}

function cellState(e: BenchEntry | undefined, drift: ProbeCell["drift"]): CellState {
  if (e === undefined) return "NONE";
  if (e.last_verdict === "DRIFT" || drift?.recent) return "DRIFT";
  if (e.last_verdict === null) return e.state.status === "NEEDS_REBASELINE" ? "REBASELINE" : "NONE";
  return e.last_verdict;
}

const LABELS: Record<CellState, string> = {
  MATCH: "MATCH",
  BASELINE: "BASE",
  VARIANT: "VARIANT",
  CANDIDATE: "CAND",
  DRIFT: "DRIFT",
  NO_DATA: "NO DATA",
  REBASELINE: "REBASE",
  NONE: "-",
};

const TONES: Record<CellState, Tone> = {
  MATCH: "good",
  BASELINE: "good",
  VARIANT: "plain",
  CANDIDATE: "warn",
  DRIFT: "bad",
  NO_DATA: "warn",
  REBASELINE: "dim",
  NONE: "dim",
};

const short = (s: string) => JSON.stringify(s.length > 24 ? `${s.slice(0, 23)}…` : s);

function describeCell(probe: string, c: ProbeCell): string {
  const base = c.baseline === null ? "" : ` ${short(c.baseline)}`;
  switch (c.state) {
    case "CANDIDATE":
      return `${probe} ${c.label}: ${c.candidates.map(short).join("|")} vs baseline${base}`;
    case "DRIFT":
      return `${probe} DRIFT (${c.drift?.severity ?? "?"}, epoch ${c.drift?.epochId ?? c.observedIn}), now${base}`;
    case "NONE":
      return `${probe} never benchmarked`;
    default:
      return `${probe} ${c.label}${base}`;
  }
}

export function benchmarksPanel(records: BenchmarkRecord[], probes: readonly string[]): PanelView {
  const rows: Row[] = records.map((r) => {
    const cells = probes.map((p) => r.probes[p]!);
    return {
      id: r.key,
      cells: [{ text: r.key }, ...cells.map((c) => ({ text: c.label, tone: TONES[c.state] }))],
      detail: oneLine(`${r.key}: ${probes.map((p) => describeCell(p, r.probes[p]!)).join("; ")}`),
      search: r.key.toLowerCase(),
      fields: { provider: r.provider, verdict: cells.map((c) => c.label).join(" ") },
    };
  });
  const tally = new Map<string, number>();
  for (const r of records)
    for (const p of probes) {
      const s = r.probes[p]!.state;
      if (s !== "NONE") tally.set(s, (tally.get(s) ?? 0) + 1);
    }
  const counts = [...tally].map(([s, n]) => `${n} ${s}`).join(", ");
  const columns: Column[] = [
    { title: "MODEL", min: 16 },
    ...probes.map((p) => ({ title: p.toUpperCase(), min: 7, max: Math.max(9, p.length) })),
  ];
  return {
    id: "benchmarks",
    title: "Benchmarks",
    columns,
    rows,
    empty:
      "No model has been benchmarked up to this epoch: run obs-bench (or obs-poll --benchmark).",
    summary:
      records.length === 0
        ? "no benchmark store in this epoch"
        : `${records.length} models x ${probes.length} probes: ${counts || "no observations"}`,
    fields: ["provider", "verdict"],
  };
}
