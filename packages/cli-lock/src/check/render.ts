// What obs-check shows: NDJSON records on stdout (events it logged, then one LOCK_CHECK per
// lock) and a human report with tables on stderr. Pure: returns text. Model ids, lock names,
// field values and reasons come from providers and state files, so the report passes them
// through terminalSafe before colouring; the NDJSON records keep them exact.
import { c, ndjson, painted, type TableCell, table } from "@observatory/cli-kit";
import { formatFieldChange, terminalSafe as safe } from "@observatory/core";
import { plural } from "../text.js";
import type { LockCheck, LockCheckRecord, PairCheck } from "./record.js";
import type { CheckReport } from "./run.js";

export function checkRecords(r: CheckReport): string {
  let out = "";
  for (const e of r.events) out += ndjson(e);
  for (const check of r.checks) {
    const record: LockCheckRecord = {
      type: "LOCK_CHECK",
      ...check,
      checked_manifest_hash: r.target.manifest_hash,
      checked_from: r.target.source,
    };
    out += ndjson(record);
  }
  return out;
}

const FROM = { stdin: "named by obs-poll on stdin", flag: "from --epoch", current: "current" };

export function renderCheck(r: CheckReport): string {
  const lines: string[] = [];
  lines.push(`obs-check: epoch ${safe(r.target.epoch_id)} (${FROM[r.target.source]})`);
  for (const n of r.target.notes) lines.push(`  ${c.yellow("note:")} ${safe(n)}`);
  if (r.checks.length === 0 && r.invalid.length === 0) lines.push("no locks to check");
  for (const check of r.checks) lines.push(...renderOne(check));
  for (const bad of r.invalid)
    lines.push(`lock ${safe(bad.lock)}  ${c.red("INVALID")}  ${safe(bad.reason)} (not checked)`);
  lines.push(...renderReporting(r));
  return `${lines.join("\n")}\n`;
}

function renderOne(k: LockCheck): string[] {
  const status =
    k.status === "VIOLATED"
      ? c.red.bold("VIOLATED")
      : k.status === "CLEAN"
        ? c.green("CLEAN")
        : c.yellow("UNVERIFIED");
  const lines = [
    "",
    `lock ${c.bold(safe(k.lock))}  ${status}  locked to ${safe(k.locked_epoch_id ?? "(no epoch: v1 lockfile)")}`,
  ];
  const s = k.structure;
  const basis = s.basis === "locked_epoch" ? "the locked epoch" : "the lock file's model list";
  if (s.status === "UNVERIFIABLE") lines.push("  structure: cannot be verified");
  else if (s.status === "UNCHANGED") lines.push(`  structure: unchanged (compared with ${basis})`);
  else {
    lines.push(`  structure: ${c.red("changed")} (compared with ${basis})`);
    for (const m of s.added) lines.push(`    + ${safe(m)} added`);
    for (const m of s.removed) lines.push(`    - ${safe(m)} no longer listed`);
    for (const ch of s.changed) {
      lines.push(`    ~ ${safe(ch.model)}`);
      for (const f of ch.changes) lines.push(`        ${safe(formatFieldChange(f))}`);
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
    if (k.pairs.length > 0) lines.push(indent(modelTable(k.pairs)));
    // Every pair that is not a plain MATCH gets its own row with the reason.
    const notable = k.pairs.filter((p) => p.status !== "MATCH");
    if (notable.length > 0) lines.push(indent(pairTable(notable)));
  }
  for (const v of k.violations)
    lines.push(`  ${c.red("violation:")} ${safe(v.kind)} ${safe(v.detail)}`);
  for (const w of k.warnings) lines.push(`  ${c.yellow("warning:")} ${safe(w)}`);
  return lines;
}

function modelTable(pairs: readonly PairCheck[]): string {
  const by = new Map<string, Record<PairCheck["status"], number>>();
  for (const p of pairs) {
    const n = by.get(p.model) ?? { MATCH: 0, VARIANT: 0, DRIFT: 0, MISSING: 0 };
    n[p.status]++;
    by.set(p.model, n);
  }
  // Plain cells: table() sanitises them.
  const rows = [...by].map(([model, n]) => [model, n.MATCH, n.VARIANT, n.DRIFT, n.MISSING]);
  return table(["model", "MATCH", "VARIANT", "DRIFT", "MISSING"], rows);
}

function pairTable(pairs: readonly PairCheck[]): string {
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
  return table(["model", "probe", "status", "locked", "now", "observed in", "detail"], rows);
}

function renderReporting(r: CheckReport): string[] {
  const lines: string[] = [];
  const count = (type: string, list: ReadonlyArray<{ type: string }>) =>
    list.filter((e) => e.type === type).length;
  if (r.events.length > 0) {
    const drift = count("EXPERIMENT_DRIFT", r.events);
    const missing = count("BENCHMARK_MISSING", r.events);
    lines.push("", `logged ${drift} EXPERIMENT_DRIFT and ${missing} BENCHMARK_MISSING events`);
  }
  if (r.alreadyReported.length > 0)
    lines.push(
      `${plural(r.alreadyReported.length, "finding")} already reported earlier (not repeated)`,
    );
  if (r.notLogged) {
    lines.push(
      "",
      `${c.yellow("events not logged:")} ${safe(r.notLogged.reason)}; ${r.notLogged.findings.length} events ` +
        "(and their webhooks) wait for the next obs-check",
    );
  }
  for (const w of r.webhooks) {
    const how = w.ok
      ? "sent"
      : `${c.red("failed")}: ${safe(String(w.reason ?? w.status ?? "unknown"))}`;
    lines.push(`webhook ${safe(w.hook)}: ${safe(w.event_type)} ${how}`);
  }
  return lines;
}

/** Sanitised before it is cut, so the cut never lands inside an escape like `\u202e`. */
function short(raw: string): string {
  const v = safe(raw);
  return v.length > 40 ? `${v.slice(0, 37)}...` : v;
}

function indent(block: string): string {
  return block
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}
