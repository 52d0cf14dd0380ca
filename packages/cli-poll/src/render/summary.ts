// The human summary on stderr: what was committed, per-provider status, benchmark verdicts, and
// the events worth a look; with --verbose, what each provider cost (timings, counts) and every
// event. A boxed table on a terminal, aligned columns under a header line otherwise. Everything a
// provider or the state supplied (model ids, error messages, event details) goes through
// terminalSafe before it is coloured: a model id must not be able to drive the terminal.
import { c, painted, type TableCell, table } from "@observatory/cli-kit";
import {
  describeEvent,
  type ObsEvent,
  type Severity,
  terminalSafe as safe,
  severityRank,
} from "@observatory/core";
import type { RunReport } from "../run/run.js";
import { columns } from "./columns.js";

const SEV_COLOUR: Record<Severity, (s: string) => string> = {
  INFO: (s) => c.dim(s),
  LOW: (s) => c.cyan(s),
  MEDIUM: (s) => c.yellow(s),
  WARN: (s) => c.yellow(s),
  HIGH: (s) => c.red(s),
  CRITICAL: (s) => c.bold.red(s),
};

/** Event types that are routine audit records, left out of the summary's event list. */
const ROUTINE = new Set(["BENCHMARK_RESULT", "CANARY_RESULT"]);
const MAX_LINES = 40;

export interface SummaryOptions {
  /** stderr is a terminal: boxed tables. */
  tty: boolean;
  /** Per-provider timings and counts, and every event. */
  verbose: boolean;
}

export function renderSummary(
  tool: string,
  r: RunReport,
  elapsedMs: number,
  opts: SummaryOptions,
): string {
  const grid = (head: string[], rows: TableCell[][]) =>
    opts.tty ? table(head, rows) : columns(head, rows);
  const lines: string[] = [];
  const head = r.interrupted
    ? c.yellow("interrupted: committed what completed as a partial epoch")
    : "";
  lines.push(
    `${c.bold(tool)}: committed epoch ${c.bold(safe(r.epochId ?? "?"))} (manifest ${safe((r.manifestHash ?? "").slice(0, 16))}) in ${seconds(elapsedMs)} ${head}`.trimEnd(),
  );
  if (r.polled.length > 0) {
    const rows = r.polled.map((p): TableCell[] => {
      const count = (t: string) =>
        r.events.filter((e) => e.type === t && "provider" in e && e.provider === p.provider).length;
      if (!p.listing.ok) {
        const why =
          "error" in p.listing
            ? `${p.listing.error.kind}: ${p.listing.error.message}`
            : "interrupted";
        return [
          p.provider,
          painted(c.yellow, r.providers[p.provider] ?? "error"),
          "-",
          "-",
          "-",
          "-",
          "-",
          why,
        ];
      }
      return [
        p.provider,
        painted(c.green, "fresh"),
        p.listing.snapshot.models.length,
        count("MODEL_ADDED"),
        count("MODEL_REMOVED"),
        count("METADATA_CHANGED"),
        p.canaries.length === 0
          ? "-"
          : `${p.canaries.filter((x) => x.outcome.ok).length}/${p.canaries.length} ok`,
        p.listing.unchanged ? "unchanged" : "",
      ];
    });
    lines.push(
      grid(
        ["provider", "status", "models", "added", "removed", "changed", "canaries", "note"],
        rows,
      ),
    );
  }
  if (opts.verbose && r.timings.length > 0) {
    const rows = r.timings.map((t): TableCell[] => [
      t.provider,
      t.listingMs === null ? "-" : seconds(t.listingMs),
      t.canaries === 0 ? "-" : `${t.canaries} in ${seconds(t.canaryMs ?? 0)}`,
      t.benchMs === null
        ? "-"
        : `${t.probes} probes, ${t.benchCalls} calls in ${seconds(t.benchMs)}`,
    ]);
    lines.push(grid(["provider", "listing", "canaries", "benchmarks"], rows));
  }
  if (r.benchmarked > 0) {
    const counts = new Map<string, number>();
    for (const e of r.events)
      if (e.type === "BENCHMARK_RESULT") counts.set(e.verdict, (counts.get(e.verdict) ?? 0) + 1);
    const order = ["BASELINE", "MATCH", "VARIANT", "CANDIDATE", "DRIFT", "NO_DATA"];
    lines.push(
      `benchmarks: ${order
        .filter((v) => counts.has(v))
        .map((v) => `${v} ${counts.get(v)}`)
        .join(", ")}`,
    );
  }
  for (const s of r.skipped) lines.push(c.dim(`skipped ${safe(s.name)}: ${safe(s.reason)}`));
  for (const m of r.unknownModels)
    lines.push(c.yellow(`--models ${safe(m)}: not listed, not benchmarked`));
  const notable = r.events
    .filter((e) => !ROUTINE.has(e.type))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const shown = opts.verbose ? notable : notable.slice(0, MAX_LINES);
  for (const e of shown) lines.push(eventLine(e));
  if (notable.length > shown.length)
    lines.push(
      c.dim(
        `… and ${notable.length - shown.length} more events (see --verbose, --json or events.jsonl)`,
      ),
    );
  for (const w of r.webhooks.filter((w) => !w.ok))
    lines.push(c.yellow(`webhook ${safe(w.hook)} failed: ${safe(w.reason ?? "")}`));
  return `${lines.join("\n")}\n`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function eventLine(e: ObsEvent): string {
  const sev = SEV_COLOUR[e.severity](e.severity.padEnd(8));
  return `${sev} ${e.type.padEnd(20)} ${safe(describeEvent(e))}`;
}
