// Human renderings of the oracle's answers for a terminal. JSON output needs none: it prints the
// answers as they are. Model keys, provider names and reason messages come from providers and
// state files, so they pass through core's terminalSafe before they are styled or padded.
import {
  type EpochInfo,
  type ListAnswer,
  type ModelProfile,
  type ModelStatus,
  type PolicyAnswer,
  terminalSafe as safe,
} from "@observatory/core";
import type { RouteRecord } from "../records.js";
import { formatAge } from "./duration.js";
import type { Style } from "./style.js";
import { table } from "./table.js";

const num = (n: number | null) => (n === null ? "-" : n.toLocaleString("en-US"));
const rel = (n: number | null) => (n === null ? "-" : n.toFixed(2));
const yesNo = (b: boolean | null) => (b === null ? "-" : b ? "yes" : "no");

export function epochLine(e: EpochInfo, s: Style): string {
  const flags = [e.stale ? "STALE" : "", e.fellBack ? "fell back" : ""].filter(Boolean);
  const extra = flags.length > 0 ? `, ${flags.join(", ")}` : "";
  return s.dim(`epoch ${safe(e.id)} (${formatAge(e.ageMs)} old${extra})`);
}

/** "text -> text", "image+text -> audio+text", "?" when the listing does not say. */
export function modality(m: ModelProfile): string {
  if (m.modalities === null) return "?";
  const { input, output } = m.modalities;
  return safe(`${input.join("+") || "?"} -> ${output.join("+")}`);
}

export function facts(m: ModelProfile): string {
  const calls = ` (${m.calls} call${m.calls === 1 ? "" : "s"})`;
  return [
    `context ${num(m.contextLength)}`,
    `cost ${safe(m.costClass ?? "-")}`,
    `reliability ${rel(m.reliability)}${calls}`,
    `p50 ${m.latencyP50Ms === null ? "-" : `${num(m.latencyP50Ms)} ms`}`,
    `p95 ${m.latencyP95Ms === null ? "-" : `${num(m.latencyP95Ms)} ms`}`,
    `tools ${yesNo(m.supportsTools)}`,
    `modality ${modality(m)}`,
  ].join(" · ");
}

function exclusions(a: RouteRecord): string {
  const names: Record<string, string> = {
    DRIFT: "drift",
    DEPRECATED: "deprecated",
    EXPIRED: "expired",
    TOO_FEW_CALLS: `fewer than ${a.query.minCalls} calls`,
    LOW_RELIABILITY: "low reliability",
    NOT_LISTED: "not listed",
    MODALITY: a.query.modality === "text" ? "not text chat" : `no ${a.query.modality} output`,
    FILTERED: "by the filter",
  };
  const parts = Object.entries(a.excluded)
    .filter(([, n]) => n > 0)
    .map(([code, n]) => `${num(n)} ${names[code] ?? safe(code)}`);
  return parts.length > 0 ? `; excluded: ${parts.join(", ")}` : "";
}

export function renderRoute(a: RouteRecord, s: Style): string {
  const counts = `${num(a.matched)} matching of ${num(a.considered)} models${exclusions(a)}`;
  if (a.model === null) {
    const lines = [s.yellow("no model matches"), `  ${counts}`];
    const few = a.excluded.TOO_FEW_CALLS;
    if (few > 0) {
      lines.push(
        `  ${num(few)} healthy-looking model${few === 1 ? " has" : "s have"} fewer than the ${a.query.minCalls} measured calls routing needs: obs-bench measures them (--min-calls lowers the bar)`,
      );
    }
    return [...lines, epochLine(a.epoch, s)].join("\n");
  }
  return [
    s.bold(safe(a.model.key)),
    `  ${facts(a.model)}`,
    `  picked by ${safe(a.query.prefer)} from ${counts}`,
    epochLine(a.epoch, s),
  ].join("\n");
}

export function renderStatus(a: ModelStatus, s: Style): string {
  const lines = [`${s.bold(safe(a.key))}: ${a.healthy ? s.green("HEALTHY") : s.red("UNHEALTHY")}`];
  for (const r of a.reasons) lines.push(`  ${s.red(safe(r.code).padEnd(16))} ${safe(r.message)}`);
  for (const w of a.warnings)
    lines.push(`  ${s.yellow(safe(w.code).padEnd(16))} ${safe(w.message)}`);
  if (a.model) {
    lines.push(`  ${facts(a.model)}`);
    lines.push(
      `  provider ${safe(a.model.provider)}: ${safe(a.model.providerStatus.replace("_", " "))}`,
    );
  }
  lines.push(epochLine(a.epoch, s));
  return lines.join("\n");
}

export function renderHealthy(a: ModelStatus, s: Style): string {
  if (a.healthy) return `${safe(a.key)}: ${s.green("HEALTHY")}`;
  return `${safe(a.key)}: ${s.red("UNHEALTHY")} (${safe(a.reasons.map((r) => r.message).join("; "))})`;
}

export function renderList(a: ListAnswer, s: Style): string {
  const rows = a.models.map(({ model: m, healthy, reason }) => [
    safe(m.key),
    num(m.contextLength),
    rel(m.reliability),
    num(m.calls),
    num(m.latencyP50Ms),
    safe(m.costClass ?? "-"),
    yesNo(m.supportsTools),
    m.modalities === null ? "?" : safe(m.modalities.output.join("+")),
    healthy ? s.green("ok") : s.red(safe(reason ?? "?")),
  ]);
  const head = ["model", "context", "rel", "calls", "p50 ms", "cost", "tools", "out", "health"];
  const align = [
    "left",
    "right",
    "right",
    "right",
    "right",
    "left",
    "left",
    "left",
    "left",
  ] as const;
  const body = table(head, rows, [...align]);
  return `${body}\n${num(a.models.length)} models by ${safe(a.by)}\n${epochLine(a.epoch, s)}`;
}

export function renderPolicy(a: PolicyAnswer, s: Style): string {
  const rows = a.roles.map((r) => [
    safe(r.role),
    r.model ? safe(r.model.key) : s.yellow("(no candidate)"),
    num(r.model?.contextLength ?? null),
    rel(r.model?.reliability ?? null),
    num(r.model?.latencyP50Ms ?? null),
  ]);
  const body = table(["role", "model", "context", "rel", "p50 ms"], rows, [
    "left",
    "left",
    "right",
    "right",
    "right",
  ]);
  return `${body}\n${epochLine(a.epoch, s)}`;
}
