// What obs-lock shows: the lock list, one lock, a new lock, and the provenance statement in
// Markdown. Pure. Lock files are state, and their notes, model ids and baseline values may hold
// anything, so every human rendering passes them through terminalSafe (layout.ts does it for its
// cells and paragraphs); the JSON records keep exact values.

import type { Lock, LockFile } from "@observatory/core";
import { terminalSafe as safe } from "@observatory/core/errors";
import { fitTable, groupedTable, paragraph } from "../layout.js";
import type { LockFileRecord, LockListRecord } from "../records.js";
import { plural } from "../text.js";
import type { CreateReport } from "./create.js";
import type { Provenance } from "./provenance.js";
import { describeScope } from "./scope.js";

export interface HumanOptions {
  /** Columns to fit; null: as wide as the content. */
  width: number | null;
  /** Per-lock detail: every model a lock pins, its baselines. */
  verbose: boolean;
}

/** One record per lock for --list. */
export function listRecord(f: LockFile): LockListRecord {
  const base = { type: "LOCK", version: 1, name: f.name } as const;
  if (f.kind === "invalid") return { ...base, format: "invalid", reason: f.reason };
  if (f.kind === "v1")
    return {
      ...base,
      format: "v1",
      behavior: "UNLOCKED_BEHAVIORAL",
      created_at: f.lock.created_at ?? null,
    };
  const l = f.lock;
  return {
    ...base,
    name: l.name,
    format: l.schema,
    epoch_id: l.epoch_id,
    manifest_hash: l.manifest_hash,
    created_at: l.created_at,
    scope: l.scope,
    models: l.models.length,
    behavior: l.behavior,
    coverage: l.coverage,
    benchmark_stale: l.benchmark_stale,
    notes: l.notes,
  };
}

/** The record for --show NAME: the lock file, whole. */
export function lockFileRecord(f: LockFile & { kind: "v2" | "v1" }, path: string): LockFileRecord {
  const base = { type: "LOCK_FILE", version: 1, name: f.name, path } as const;
  return f.kind === "v2"
    ? { ...base, format: "observatory.lock/2", lock: f.lock }
    : { ...base, format: "v1", lock: f.lock };
}

export function renderList(files: readonly LockFile[], o: HumanOptions): string {
  if (files.length === 0) return "no locks (create one with obs-lock NAME)\n";
  const rows = files.map((f) => {
    if (f.kind === "invalid") return [f.name, "INVALID", "-", "-", "-", f.reason];
    if (f.kind === "v1") return [f.name, "v1", "-", "-", "UNLOCKED_BEHAVIORAL", f.lock.notes ?? ""];
    const l = f.lock;
    const behaviour =
      l.behavior === "LOCKED"
        ? `${l.coverage.pairs} baselines${l.benchmark_stale ? " (stale)" : ""}`
        : "UNLOCKED_BEHAVIORAL";
    return [
      l.name,
      l.epoch_id,
      describeScope(l.scope),
      String(l.models.length),
      behaviour,
      l.notes,
    ];
  });
  const lines = fitTable(
    [
      { head: "lock", min: 12 },
      { head: "epoch" },
      { head: "scope", min: 12 },
      { head: "models" },
      { head: "behaviour", min: 12 },
      { head: "notes", min: 12 },
    ],
    rows,
    o.width,
  );
  if (o.verbose) {
    for (const f of files) {
      if (f.kind !== "v2") continue;
      const l = f.lock;
      lines.push(
        "",
        ...paragraph(
          "",
          "lock",
          (s) => s,
          `${l.name}: created ${l.created_at}, manifest ${l.manifest_hash}`,
          o.width,
        ),
        ...paragraph("  ", "models:", (s) => s, l.models.join(", ") || "(none)", o.width),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

export function renderShow(l: Lock, path: string, o: HumanOptions): string {
  const field = (label: string, value: string) =>
    paragraph("  ", label.padEnd(16), (s) => s, value, o.width);
  const lines = [
    `lock ${safe(l.name)} (${l.schema})`,
    ...field("file:", path),
    ...field("created:", l.created_at),
    ...field("epoch:", l.epoch_id),
    ...field("manifest hash:", l.manifest_hash),
    ...field("scope:", `${describeScope(l.scope)} (${l.models.length} models)`),
    ...field("registry hash:", l.registry_hash),
    ...field("model-ids hash:", l.model_ids_hash),
    ...field("behaviour:", l.behavior),
    ...field(
      "coverage:",
      `${plural(l.coverage.models, "model")} x ${plural(l.coverage.probes, "probe")} = ${plural(l.coverage.pairs, "baseline")}`,
    ),
    ...field(
      "benchmark epoch:",
      `${l.benchmark_epoch ?? "-"}${l.benchmark_stale ? " (stale: some baselines predate the lock's epoch)" : ""}`,
    ),
  ];
  if (l.notes) lines.push(...field("notes:", l.notes));
  if (l.migrated_from) lines.push(...field("migrated from:", l.migrated_from.v1_file));
  if (o.verbose) lines.push(...field("models:", l.models.join(", ") || "(none)"));
  const rows = baselineRows(l);
  if (rows.length > 0) lines.push(...baselineTable(rows, o.width));
  return `${lines.join("\n")}\n`;
}

/** What obs-lock NAME says on stderr once the lock is written. */
export function renderCreated(r: CreateReport, o: HumanOptions): string {
  const l = r.lock;
  const cov = l.coverage;
  const field = (label: string, value: string) =>
    paragraph("  ", label.padEnd(10), (s) => s, value, o.width);
  const lines = [
    ...paragraph(
      "",
      "obs-lock:",
      (s) => s,
      `locked ${l.name} to epoch ${l.epoch_id} (manifest ${l.manifest_hash.slice(0, 16)}…)`,
      o.width,
    ),
    ...field("scope:", `${describeScope(l.scope)} (${l.models.length} models)`),
    ...field(
      "baselines:",
      `${cov.pairs} canonical values (${plural(cov.models, "model")} x ${plural(cov.probes, "probe")}), ` +
        (l.benchmark_stale
          ? `some from before this epoch (newest ${l.benchmark_epoch}): marked stale`
          : "measured in this epoch"),
    ),
    ...field("file:", r.path),
  ];
  for (const w of r.warnings) lines.push(...paragraph("  ", "warning:", (s) => s, w, o.width));
  if (o.verbose) {
    lines.push(...field("models:", l.models.join(", ") || "(none)"));
    const rows = baselineRows(l);
    if (rows.length > 0) lines.push(...baselineTable(rows, o.width));
  }
  lines.push(
    `check it with: obs-check ${safe(l.name)}   (or obs-poll --benchmark | obs-check --all)`,
  );
  return `${lines.join("\n")}\n`;
}

function baselineRows(l: Lock): string[][] {
  const rows: string[][] = [];
  for (const [model, byProbe] of Object.entries(l.baselines))
    for (const [probe, value] of Object.entries(byProbe)) rows.push([model, probe, value]);
  return rows;
}

/** The baselines, indented under the lock's fields. */
function baselineTable(rows: string[][], width: number | null): string[] {
  return groupedTable(
    [
      { head: "model", min: 16 },
      { head: "probe", min: 8 },
      { head: "canonical baseline", min: 20 },
    ],
    rows,
    width === null ? null : width - 2,
  ).map((l) => `  ${l}`);
}

// The Markdown statement is read on terminals and pasted into papers: values are sanitised
// (a newline shows as \n, so it can neither break a table row nor forge a line) before the
// Markdown quoting.
const code = (s: string) => `\`${safe(s).replace(/`/g, "'")}\``;
const cell = (s: string) => safe(s).replace(/\|/g, "\\|");

export function renderMarkdown(p: Provenance): string {
  const l = p.lock;
  const out: string[] = [];
  out.push(`## Provenance: experiment lock ${code(l.name)}`, "");
  out.push(
    `The models used in this experiment were pinned on ${l.created_at} with Model Observatory ` +
      `to epoch ${code(l.epoch_id)}, whose manifest has SHA-256 ${code(l.manifest_hash)}` +
      (p.locked_epoch.verified
        ? " (re-verified, with every object it references, when this statement was generated)."
        : ` (could NOT be re-verified: ${safe(p.locked_epoch.problem ?? "")}).`),
    "",
  );
  if (l.notes) out.push(`Notes: ${safe(l.notes)}`, "");
  out.push(
    `- Scope: ${safe(describeScope(l.scope))}; ${l.models.length} models: ${l.models.map(code).join(", ")}`,
    `- Semantic registry hash of those models: ${code(l.registry_hash)}`,
    `- Model-id list hash: ${code(l.model_ids_hash)}`,
  );
  if (l.behavior === "LOCKED") {
    out.push(
      `- Behaviour: ${l.coverage.pairs} canonical baseline values (${plural(l.coverage.models, "model")} x ` +
        `${plural(l.coverage.probes, "probe")}), last measured in epoch ${code(l.benchmark_epoch ?? "-")}` +
        (l.benchmark_stale
          ? ", some before the locked epoch (accepted as stale)"
          : ", all in the locked epoch"),
      "",
      "| model | probe | canonical baseline |",
      "|---|---|---|",
    );
    for (const [model, byProbe] of Object.entries(l.baselines))
      for (const [probe, value] of Object.entries(byProbe))
        out.push(`| ${cell(model)} | ${cell(probe)} | ${code(cell(value))} |`);
  } else {
    out.push("- Behaviour: not pinned (UNLOCKED_BEHAVIORAL: migrated from a v1 lock).");
  }
  out.push("", "### Checks since the lock", "");
  const c = p.current;
  out.push(
    `Against the current epoch ${code(c.checked_epoch_id)} (manifest ${code(c.manifest_hash)}): ` +
      `**${c.status}**; behaviour ${c.counts.MATCH} MATCH, ${c.counts.VARIANT} VARIANT, ` +
      `${c.counts.DRIFT} DRIFT, ${c.counts.MISSING} MISSING.`,
  );
  for (const v of c.violations) out.push(`- violation: ${safe(v.kind)} ${safe(v.detail)}`);
  const clean = p.since.filter((s) => s.status === "CLEAN").length;
  out.push(
    "",
    p.since.length === 0
      ? "No epoch has been committed since the lock."
      : `Recomputed against the ${p.since.length} epochs committed since the lock that are still retained: ${clean} clean.`,
  );
  if (p.since.length > 0) {
    out.push("", "| epoch | manifest SHA-256 | check |", "|---|---|---|");
    for (const s of p.since)
      out.push(`| ${code(s.epoch_id)} | ${code(s.manifest_hash)} | ${s.status} |`);
  }
  out.push(
    "",
    p.reported.length === 0
      ? "No EXPERIMENT_DRIFT event has been logged for this lock."
      : `EXPERIMENT_DRIFT events logged for this lock: ${p.reported.map((r) => `${safe(r.ts)} (${safe(r.violations.join("; "))})`).join(", ")}.`,
    "",
    `Generated ${p.generated_at} by ${p.generator}.`,
  );
  return `${out.join("\n")}\n`;
}
