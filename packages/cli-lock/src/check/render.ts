// What obs-check shows: NDJSON records on stdout (events it logged, then one LOCK_CHECK per
// lock) and a human report on stderr that fits the terminal (100 columns when stderr is not
// one; --wide: every column, nothing wrapped). Pure: returns text. Model ids, lock names, field
// values and reasons come from providers and state files, so the report passes them through
// terminalSafe before colouring (layout.ts); the NDJSON records keep them exact.
import { c, ndjson, painted, type TableCell } from "@observatory/cli-kit";
import {
  formatFieldChange,
  type LockCheck,
  type PairCheck,
  terminalSafe as safe,
} from "@observatory/core";
import { type Column, fitTable, groupedTable, paragraph, width } from "../layout.js";
import type { LockCheckRecord } from "../records.js";
import { plural } from "../text.js";
import type { CheckReport } from "./run.js";

export function checkRecords(r: CheckReport): string {
  let out = "";
  // A printed event is the stored one plus the record-format version every record carries.
  for (const e of r.events) out += ndjson({ ...e, version: e.v });
  for (const check of r.checks) {
    const record: LockCheckRecord = {
      type: "LOCK_CHECK",
      version: 1,
      ...check,
      checked_manifest_hash: r.target.manifest_hash,
      checked_from: r.target.source,
    };
    out += ndjson(record);
  }
  return out;
}

export interface RenderOptions {
  /** Columns the report may use; null: as wide as its content (--wide). */
  width: number | null;
  /** "verbose": every pinned pair and every finding already reported, not only the news. */
  verbosity: "quiet" | "normal" | "verbose";
}

const FROM = { stdin: "named by obs-poll on stdin", flag: "from --epoch", current: "current" };
const plain = (s: string) => s;

export function renderCheck(r: CheckReport, o: RenderOptions): string {
  if (o.verbosity === "quiet") return "";
  const w = o.width;
  const lines: string[] = [];
  lines.push(`obs-check: epoch ${safe(r.target.epoch_id)} (${FROM[r.target.source]})`);
  for (const n of r.target.notes) lines.push(...paragraph("  ", "note:", c.yellow, n, w));
  if (r.checks.length === 0 && r.invalid.length === 0) lines.push("no locks to check");
  for (const check of r.checks) lines.push(...renderOne(check, o));
  for (const bad of r.invalid)
    lines.push(
      ...paragraph("", "lock", plain, `${bad.lock}`, w),
      ...paragraph("  ", "INVALID", c.red, `${bad.reason} (not checked)`, w),
    );
  lines.push(...renderReporting(r, o));
  return `${lines.join("\n")}\n`;
}

function renderOne(k: LockCheck, o: RenderOptions): string[] {
  const w = o.width;
  const status =
    k.status === "VIOLATED"
      ? c.red.bold("VIOLATED")
      : k.status === "CLEAN"
        ? c.green("CLEAN")
        : c.yellow("UNVERIFIED");
  const name = safe(k.lock);
  const locked = `locked to ${safe(k.locked_epoch_id ?? "(no epoch: v1 lockfile)")}`;
  const lines = [""];
  // Lock names run to 128 characters: the epoch goes on a line of its own rather than past the edge.
  if (w === null || width(`lock ${name}  ${k.status}  ${locked}`) <= w)
    lines.push(`lock ${c.bold(name)}  ${status}  ${locked}`);
  else lines.push(...paragraph("", "lock", plain, name, w), `  ${status}  ${locked}`);
  const s = k.structure;
  const basis = s.basis === "locked_epoch" ? "the locked epoch" : "the lock file's model list";
  if (s.status === "UNVERIFIABLE") lines.push("  structure: cannot be verified");
  else if (s.status === "UNCHANGED") lines.push(`  structure: unchanged (compared with ${basis})`);
  else {
    lines.push(`  structure: ${c.red("changed")} (compared with ${basis})`);
    for (const m of s.added) lines.push(...paragraph("    ", "+", plain, `${m} added`, w));
    for (const m of s.removed)
      lines.push(...paragraph("    ", "-", plain, `${m} no longer listed`, w));
    for (const ch of s.changed) {
      lines.push(...paragraph("    ", "~", plain, ch.model, w));
      for (const f of ch.changes)
        lines.push(...paragraph("        ", "", plain, formatFieldChange(f), w));
    }
    if (s.unattributed) lines.push("    ~ metadata of models in scope changed");
  }
  if (k.behavior === "UNLOCKED_BEHAVIORAL") {
    lines.push(`  behaviour: ${c.yellow("UNLOCKED_BEHAVIORAL")} (no canonical baselines pinned)`);
  } else {
    const n = k.counts;
    lines.push(
      `  behaviour: ${n.MATCH} MATCH, ${n.VARIANT} VARIANT, ${n.DRIFT} DRIFT, ${n.MISSING} MISSING`,
    );
    const inner = w === null ? null : w - 2;
    if (k.pairs.length > 0) lines.push(...indent(modelTable(k.pairs, inner)));
    // Every pair that is not a plain MATCH gets its own row with the reason; --verbose: all.
    const shown = o.verbosity === "verbose" ? k.pairs : k.pairs.filter((p) => p.status !== "MATCH");
    if (shown.length > 0) lines.push("", ...indent(pairTable(shown, inner)));
  }
  for (const v of k.violations)
    lines.push(...paragraph("  ", "violation:", c.red, `${v.kind} ${v.detail}`, w));
  for (const warning of k.warnings)
    lines.push(...paragraph("  ", "warning:", c.yellow, warning, w));
  return lines;
}

function modelTable(pairs: readonly PairCheck[], w: number | null): string[] {
  const by = new Map<string, Record<PairCheck["status"], number>>();
  for (const p of pairs) {
    const n = by.get(p.model) ?? { MATCH: 0, VARIANT: 0, DRIFT: 0, MISSING: 0 };
    n[p.status]++;
    by.set(p.model, n);
  }
  const rows = [...by].map(([model, n]) => [model, n.MATCH, n.VARIANT, n.DRIFT, n.MISSING]);
  const columns: Column[] = [
    { head: "model", min: 20 },
    { head: "MATCH" },
    { head: "VARIANT" },
    { head: "DRIFT" },
    { head: "MISSING" },
  ];
  return fitTable(columns, rows, w);
}

/** The columns of the pair table; "observed in" (an epoch id) is the first to go. */
const PAIR_COLUMNS: Column[] = [
  { head: "model", min: 16 },
  { head: "probe", min: 8 },
  { head: "status" },
  { head: "locked", min: 8 },
  { head: "now", min: 8 },
  { head: "observed in", drop: 1 },
  { head: "detail", min: 20 },
];

function pairTable(pairs: readonly PairCheck[], w: number | null): string[] {
  const paint = (s: PairCheck["status"]): TableCell =>
    s === "DRIFT"
      ? painted(c.red, s)
      : s === "MISSING"
        ? painted(c.yellow, s)
        : s === "VARIANT"
          ? painted(c.cyan, s)
          : s;
  const rows = pairs.map((p): TableCell[] => [
    p.model,
    p.probe,
    paint(p.status),
    short(p.locked),
    p.current === null ? "-" : p.current === p.locked ? "=" : short(p.current),
    p.observed_in ?? "-",
    p.detail,
  ]);
  return groupedTable(PAIR_COLUMNS, rows, w);
}

function renderReporting(r: CheckReport, o: RenderOptions): string[] {
  const w = o.width;
  const lines: string[] = [];
  const count = (type: string, list: ReadonlyArray<{ type: string }>) =>
    list.filter((e) => e.type === type).length;
  if (r.events.length > 0) {
    const drift = count("EXPERIMENT_DRIFT", r.events);
    const missing = count("BENCHMARK_MISSING", r.events);
    lines.push("", `logged ${drift} EXPERIMENT_DRIFT and ${missing} BENCHMARK_MISSING events`);
  }
  if (r.alreadyReported.length > 0) {
    lines.push(
      `${plural(r.alreadyReported.length, "finding")} already reported earlier (not repeated)`,
    );
    if (o.verbosity === "verbose")
      for (const f of r.alreadyReported)
        lines.push(...paragraph("  ", "-", plain, `${f.lock}: ${describeDraft(f.draft)}`, w));
  }
  if (r.notLogged) {
    lines.push(
      "",
      ...paragraph(
        "",
        "events not logged:",
        c.yellow,
        `${r.notLogged.reason}; ${r.notLogged.findings.length} events (and their webhooks) wait for the next obs-check`,
        w,
      ),
    );
  }
  for (const hook of r.webhooks) {
    const what = `${hook.hook}: ${hook.event_type}`;
    lines.push(
      ...(hook.ok
        ? paragraph("", "webhook sent:", plain, what, w)
        : paragraph(
            "",
            "webhook failed:",
            c.red,
            `${what}: ${String(hook.reason ?? hook.status ?? "unknown")}`,
            w,
          )),
    );
  }
  return lines;
}

function describeDraft(d: { type: string } & Record<string, unknown>): string {
  if (d.type === "BENCHMARK_MISSING")
    return `BENCHMARK_MISSING ${String(d["provider"])}/${String(d["model_id"])} ${String(d["probe"])}`;
  return d.type;
}

/** Sanitised before it is cut, so the cut never lands inside an escape like `\u202e`. */
function short(raw: string): string {
  const v = safe(raw);
  return v.length > 40 ? `${v.slice(0, 37)}...` : v;
}

function indent(lines: readonly string[]): string[] {
  return lines.map((l) => (l === "" ? l : `  ${l}`));
}
