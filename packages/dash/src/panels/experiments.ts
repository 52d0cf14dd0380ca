// Experiments: each lock in locks/ with its scope and locked epoch, what obs-check says about it
// against the epoch shown (CLEAN, VIOLATED or UNVERIFIED, with its per-pair tally), and the last
// violation obs-check logged for it. A file that is not a readable lock is listed with why.
import type { LockView } from "../load/read-locks.js";
import type { World } from "../load/world.js";
import type { PanelContext } from "./context.js";
import { formatTime, oneLine, shortTime } from "./format.js";
import type { PanelView, Row, Tone } from "./types.js";

export interface ExperimentRecord {
  name: string;
  format: "v2" | "v1" | "invalid";
  scope: string;
  lockedEpochId: string | null;
  createdAt: string | null;
  notes: string;
  behavior: string | null;
  pairs: number | null;
  /** obs-check's verdict against the epoch shown; INVALID for an unreadable lock file. */
  status: "CLEAN" | "VIOLATED" | "UNVERIFIED" | "INVALID";
  counts: Record<string, number>;
  violations: string[];
  warnings: string[];
  lastReport: { epochId: string; ts: string; severity: string; violations: string[] } | null;
}

export function experimentRecords(world: World, ctx: PanelContext): ExperimentRecord[] {
  return world.locks.map((v) => record(v, ctx));
}

function record(v: LockView, ctx: PanelContext): ExperimentRecord {
  const f = v.file;
  const text = (s: string) => ctx.redact(oneLine(s));
  const lastReport = v.lastReport && {
    epochId: v.lastReport.epoch_id ?? "",
    ts: v.lastReport.ts,
    severity: v.lastReport.severity,
    violations: v.lastReport.violations.map((x) => text(x.detail)),
  };
  const check = {
    status: v.check?.status ?? ("INVALID" as const),
    counts: v.check?.counts ?? {},
    violations: (v.check?.violations ?? []).map((x) => text(`${x.kind}: ${x.detail}`)),
    warnings: (v.check?.warnings ?? []).map(text),
    lastReport,
  };
  if (f.kind === "invalid") {
    return {
      name: f.name,
      format: "invalid",
      scope: "-",
      lockedEpochId: null,
      createdAt: null,
      notes: "",
      behavior: null,
      pairs: null,
      ...check,
      warnings: [text(f.reason)],
    };
  }
  if (f.kind === "v1") {
    return {
      name: f.name,
      format: "v1",
      scope: "v1 lockfile",
      lockedEpochId: null,
      createdAt: f.lock.created_at ?? null,
      notes: text(f.lock.notes ?? ""),
      behavior: "UNLOCKED_BEHAVIORAL",
      pairs: null,
      ...check,
    };
  }
  const l = f.lock;
  const scope =
    l.scope.models !== null
      ? `${l.scope.models.length} model${l.scope.models.length === 1 ? "" : "s"}`
      : l.scope.providers !== null
        ? `providers ${l.scope.providers.join(",")}`
        : "everything";
  return {
    name: f.name,
    format: "v2",
    scope,
    lockedEpochId: l.epoch_id,
    createdAt: l.created_at,
    notes: text(l.notes),
    behavior: l.behavior,
    pairs: l.coverage.pairs,
    ...check,
  };
}

const STATUS_TONE: Record<ExperimentRecord["status"], Tone> = {
  CLEAN: "good",
  VIOLATED: "bad",
  UNVERIFIED: "warn",
  INVALID: "bad",
};

function tally(counts: Record<string, number>): string {
  const parts = ["MATCH", "VARIANT", "DRIFT", "MISSING"]
    .filter((k) => (counts[k] ?? 0) > 0)
    .map((k) => `${counts[k]} ${k}`);
  return parts.length > 0 ? parts.join(", ") : "-";
}

export function experimentsPanel(records: ExperimentRecord[]): PanelView {
  const rows: Row[] = records.map((r) => {
    const reported = r.lastReport
      ? `VIOLATED ${shortTime(r.lastReport.ts)}`
      : r.format === "v2"
        ? "none logged"
        : "-";
    const facts = [
      r.lockedEpochId ? `locked to epoch ${r.lockedEpochId}` : null,
      r.createdAt ? `made ${formatTime(r.createdAt)}` : null,
      r.behavior,
      r.notes ? `notes: ${r.notes}` : null,
      ...r.violations,
      ...r.warnings,
      r.lastReport
        ? `EXPERIMENT_DRIFT logged in epoch ${r.lastReport.epochId} (${r.lastReport.severity})`
        : null,
    ].filter((x): x is string => x !== null && x !== "");
    return {
      id: r.name,
      cells: [
        { text: r.name, tone: "accent" },
        { text: r.scope },
        { text: r.lockedEpochId === null ? "-" : shortTime(r.createdAt ?? ""), tone: "dim" },
        { text: r.pairs === null ? "-" : String(r.pairs), tone: "dim" },
        { text: r.status, tone: STATUS_TONE[r.status] },
        { text: tally(r.counts) },
        { text: reported, tone: r.lastReport ? "bad" : "dim" },
      ],
      detail: `${r.name} (${r.status}): ${facts.join("; ")}`,
      search: r.name.toLowerCase(),
      fields: { status: r.status, scope: r.scope },
    };
  });
  const by = (s: ExperimentRecord["status"]) => records.filter((r) => r.status === s).length;
  return {
    id: "experiments",
    title: "Experiments",
    columns: [
      { title: "LOCK", min: 10, max: 24 },
      { title: "SCOPE", min: 8, max: 22 },
      { title: "LOCKED", min: 14, max: 14 },
      { title: "PAIRS", min: 5, max: 5, align: "right" },
      { title: "NOW", min: 10, max: 10 },
      { title: "PAIRS NOW", min: 10, max: 34 },
      { title: "LAST REPORTED", min: 13 },
    ],
    rows,
    empty: "No experiment locks: obs-lock NAME pins an experiment to the current epoch.",
    summary:
      records.length === 0
        ? "no locks"
        : `${records.length} lock${records.length === 1 ? "" : "s"} checked against this epoch: ${by("CLEAN")} clean, ${by("VIOLATED")} violated` +
          (by("UNVERIFIED") > 0 ? `, ${by("UNVERIFIED")} unverified` : "") +
          (by("INVALID") > 0 ? `, ${by("INVALID")} unreadable` : ""),
    fields: ["scope", "status"],
  };
}
