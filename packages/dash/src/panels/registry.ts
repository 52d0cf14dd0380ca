// Registry: every model the epoch knows, with what its metadata says (context, cost class) and
// what calls measured (reliability, p50/p95 latency), and its health as the routing oracle
// judges it: the same answer `obs-oracle status` gives, with the reasons in the detail line.
import type { World } from "../load/world.js";
import type { PanelContext } from "./context.js";
import { formatMs, formatRatio, formatTokens, oneLine } from "./format.js";
import type { PanelView, Row, Tone } from "./types.js";

export interface RegistryRecord {
  key: string;
  provider: string;
  listed: boolean;
  contextLength: number | null;
  reliability: number | null;
  calls: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  costClass: string | null;
  /** The routing oracle's verdict; null when it is not available for this epoch. */
  healthy: boolean | null;
  /** "healthy", the code of the first gate it fails (DRIFT, NOT_LISTED...), or "?". */
  health: string;
  reasons: string[];
  warnings: string[];
}

/**
 * Problems first: listed models that fail a gate (a drift, an error rate...), then those that are
 * only not measured enough to route (TOO_FEW_CALLS), then healthy ones, then models no longer
 * listed. An alarm is never buried under a list of models nobody has benchmarked yet.
 */
export function registryRecords(world: World, ctx: PanelContext): RegistryRecord[] {
  const rank = (r: RegistryRecord) =>
    !r.listed ? 3 : r.healthy === false ? (r.health === "TOO_FEW_CALLS" ? 1 : 0) : 2;
  return records(world, ctx).sort((a, b) => rank(a) - rank(b) || (a.key < b.key ? -1 : 1));
}

function records(world: World, ctx: PanelContext): RegistryRecord[] {
  return world.models.map((m) => ({
    key: m.key,
    provider: m.provider,
    listed: m.listed,
    contextLength: m.contextLength,
    reliability: m.reliability,
    calls: m.calls,
    latencyP50Ms: m.latencyP50Ms,
    latencyP95Ms: m.latencyP95Ms,
    costClass: m.costClass,
    healthy: m.health?.healthy ?? null,
    health:
      m.health === null
        ? "?"
        : m.health.healthy
          ? "healthy"
          : (m.health.reasons[0]?.code ?? "unhealthy"),
    reasons: (m.health?.reasons ?? []).map((r) => ctx.redact(oneLine(r.message))),
    warnings: (m.health?.warnings ?? []).map((w) => ctx.redact(oneLine(w.message))),
  }));
}

function healthTone(r: RegistryRecord): Tone {
  if (r.healthy === null) return "dim";
  if (!r.healthy) return "bad";
  return r.warnings.length > 0 ? "plain" : "good";
}

function reliabilityTone(r: number | null): Tone {
  if (r === null) return "dim";
  return r >= 0.95 ? "good" : r >= 0.8 ? "warn" : "bad";
}

export function registryPanel(records: RegistryRecord[]): PanelView {
  const rows: Row[] = records.map((r) => {
    const why = [...r.reasons, ...r.warnings];
    return {
      id: r.key,
      cells: [
        { text: r.key, tone: r.listed ? "plain" : "dim" },
        { text: formatTokens(r.contextLength), tone: "accent" },
        { text: formatRatio(r.reliability), tone: reliabilityTone(r.reliability) },
        { text: formatMs(r.latencyP50Ms), tone: "dim" },
        { text: formatMs(r.latencyP95Ms), tone: "dim" },
        { text: r.costClass ?? "-" },
        { text: r.health, tone: healthTone(r) },
      ],
      detail:
        `${r.key}: ${r.healthy === null ? "health unknown" : r.healthy ? "healthy" : "UNHEALTHY"}` +
        (r.reliability === null
          ? ", not measured"
          : `, reliability ${r.reliability} over ${r.calls} calls`) +
        (why.length > 0 ? `; ${why.join("; ")}` : ""),
      search: r.key.toLowerCase(),
      fields: { provider: r.provider, health: r.health, cost: r.costClass ?? "" },
    };
  });
  const listed = records.filter((r) => r.listed).length;
  const unhealthy = records.filter((r) => r.healthy === false && r.listed);
  const known = records.some((r) => r.healthy !== null);
  const byCode = new Map<string, number>();
  for (const r of unhealthy) byCode.set(r.health, (byCode.get(r.health) ?? 0) + 1);
  const codes = [...byCode].map(([c, n]) => `${n} ${c}`).join(", ");
  return {
    id: "registry",
    title: "Registry",
    columns: [
      { title: "MODEL", min: 16 },
      { title: "CONTEXT", min: 7, max: 7, align: "right" },
      { title: "REL", min: 4, max: 4, align: "right" },
      { title: "P50 MS", min: 6, max: 6, align: "right" },
      { title: "P95 MS", min: 6, max: 6, align: "right" },
      { title: "COST", min: 7, max: 7 },
      { title: "HEALTH", min: 8, max: 15 },
    ],
    rows,
    empty: "The registry of this epoch is empty.",
    summary: !known
      ? `${records.length} models (${listed} listed); health not available`
      : `${records.length} models (${listed} listed): ${listed - unhealthy.length} healthy` +
        (unhealthy.length > 0 ? `, ${unhealthy.length} unhealthy (${codes})` : ""),
    fields: ["cost", "health", "provider"],
  };
}
