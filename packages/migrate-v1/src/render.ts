// The human summary of a report, for stderr. A v1 tree is old state of unknown provenance: file
// names, provider error messages, lock names and reasons go through terminalSafe before they are
// coloured, so nothing in it can drive the terminal (the NDJSON report keeps exact values).
import { c, cellText, painted, type TableCell, table } from "@observatory/cli-kit";
import { terminalSafe as safe } from "@observatory/core";
import type { MigrationReport } from "./report.js";

export function renderReport(r: MigrationReport, tty: boolean): string {
  const out: string[] = [];
  const dry = r.outcome === "dry_run";
  const head =
    r.outcome === "migrated"
      ? c.green(r.resumed ? "migrated (resumed an interrupted run)" : "migrated")
      : dry
        ? c.yellow("dry run: nothing was changed")
        : r.outcome.replace(/_/g, " ");
  out.push(`obs-migrate: ${head}: ${safe(r.state_dir)}`);
  out.push(`  ${safe(r.message)}`);
  if (r.outcome !== "migrated" && !dry) return `${out.join("\n")}\n${notes(r)}`;

  if (r.backup_dir)
    out.push(`  backup       ${safe(r.backup_dir)}/${dry ? " (to be created)" : ""}`);
  if (r.epoch)
    out.push(
      `  epoch 0      ${safe(r.epoch.epoch_id)} (fingerprint scheme ${safe(String(r.fingerprint_scheme))})`,
    );
  if (r.providers.length > 0) {
    const rows: TableCell[][] = r.providers.map((p) => [p.provider, p.models, p.file]);
    for (const e of r.provider_errors) rows.push([e.provider, "-", painted(c.red, e.message)]);
    out.push(
      tty
        ? table(["provider", "models", "from"], rows)
        : rows.map((x) => `  ${x.map(cellText).join("  ")}`).join("\n"),
    );
  }
  if (r.registry)
    out.push(
      `  registry     ${r.registry.entries} models (${r.registry.present} listed), ${r.registry.observations} canary calls carried`,
    );
  if (r.benchmarks) {
    const b = r.benchmarks;
    const extra = [
      b.unknownPrompts > 0
        ? `${plural(b.unknownPrompts, "hash")} of unknown prompts not carried`
        : "",
      b.ignoredValues > 0 ? `${plural(b.ignoredValues, "seed canonical value")} not trusted` : "",
    ].filter(Boolean);
    out.push(
      `  benchmarks   ${plural(b.pairs, "baseline")} ${dry ? "to be marked" : "marked"} NEEDS_REBASELINE over ${plural(b.models, "model")}${extra.length ? ` (${extra.join("; ")})` : ""}`,
    );
  }
  for (const l of r.locks) {
    out.push(
      `  lock         ${safe(l.name)}: behaviour UNLOCKED_BEHAVIORAL; model list ${safe(l.model_ids)}, registry ${safe(l.registry)}; ${safe(l.result)}`,
    );
  }
  if (r.events_log)
    out.push(
      `  events.jsonl ${plural(r.events_log.legacy, "v1 line")} kept as they are${dry ? "" : `; ${plural(r.events_appended, "event")} appended`}`,
    );
  if (r.retired.length > 0)
    out.push(`  retired      ${r.retired.length} v1 files (copies in the backup)`);
  return `${out.join("\n")}\n${notes(r)}${next(r)}`;
}

function notes(r: MigrationReport): string {
  const lines: string[] = [];
  for (const q of r.quarantined)
    lines.push(
      `  ${c.yellow("corrupt")}      ${safe(q.file)} (${safe(q.reason)})${q.to ? ` -> ${safe(q.to)}` : " will be quarantined"}`,
    );
  for (const s of r.skipped)
    lines.push(`  ${c.yellow("skipped")}      ${safe(s.file)}: ${safe(s.reason)}`);
  for (const x of r.collisions)
    lines.push(`  ${c.red("collision")}    ${safe(x.file)}: ${safe(x.reason)}`);
  for (const x of r.left_in_place)
    lines.push(`  ${c.yellow("left")}         ${safe(x.file)}: ${safe(x.reason)}`);
  return lines.length ? `${lines.join("\n")}\n` : "";
}

function next(r: MigrationReport): string {
  if (r.outcome !== "migrated") return "";
  return `next: obs-poll --state-dir ${safe(r.state_dir)} (one MIGRATION_REBASELINE, then normal diffs); re-lock experiments with obs-lock to pin behaviour\n`;
}

function plural(n: number, word: string): string {
  if (n === 1) return `1 ${word}`;
  return `${n} ${word.endsWith("h") ? `${word}es` : `${word}s`}`;
}
