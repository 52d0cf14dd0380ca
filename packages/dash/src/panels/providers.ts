// Providers: each provider of the epoch with its status (fresh, carried forward after a failed
// poll, or error), how many models its snapshot lists, when it was last polled, and how many of
// its models the oracle calls healthy.
import type { World } from "../load/world.js";
import type { PanelContext } from "./context.js";
import { formatAge, formatTime, oneLine } from "./format.js";
import type { PanelView, Row, Tone } from "./types.js";

export interface ProviderRecord {
  provider: string;
  status: "fresh" | "carried" | "error";
  /** Models its snapshot lists; null without a snapshot. */
  models: number | null;
  /** When its snapshot was polled; null for an error without a snapshot. */
  polledAt: string | null;
  /** The epoch its carried snapshot was last fresh in. */
  fromEpoch: string | null;
  error: { code: string; message: string } | null;
  healthy: number;
  unhealthy: number;
}

export function providerRecords(world: World, ctx: PanelContext): ProviderRecord[] {
  const health = new Map<string, { healthy: number; unhealthy: number }>();
  for (const m of world.models) {
    if (!m.listed || m.health === null) continue;
    const h = health.get(m.provider) ?? { healthy: 0, unhealthy: 0 };
    if (m.health.healthy) h.healthy++;
    else h.unhealthy++;
    health.set(m.provider, h);
  }
  return Object.entries(world.manifest.providers)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([provider, entry]) => {
      const snap = world.snapshots[provider] ?? null;
      const h = health.get(provider) ?? { healthy: 0, unhealthy: 0 };
      const error =
        entry.status === "fresh" || entry.error === undefined
          ? null
          : { code: entry.error.code, message: ctx.redact(oneLine(entry.error.message)) };
      return {
        provider,
        status: entry.status === "carried_forward" ? "carried" : entry.status,
        models: snap === null ? null : snap.models.length,
        polledAt: entry.status === "error" ? null : entry.polled_at,
        fromEpoch: entry.status === "carried_forward" ? entry.from_epoch : null,
        error,
        ...h,
      };
    });
}

const STATUS_TONE: Record<ProviderRecord["status"], Tone> = {
  fresh: "good",
  carried: "warn",
  error: "bad",
};

export function providersPanel(records: ProviderRecord[], ctx: PanelContext): PanelView {
  const rows: Row[] = records.map((r) => {
    const age = r.polledAt === null ? "-" : `${formatAge(ctx.nowMs - Date.parse(r.polledAt))} ago`;
    const note =
      r.status === "carried"
        ? `carried from ${r.fromEpoch}${r.error ? `: ${r.error.message}` : " (not polled)"}`
        : r.error
          ? `${r.error.code}: ${r.error.message}`
          : "";
    return {
      id: r.provider,
      cells: [
        { text: r.provider, tone: "accent" },
        { text: r.status, tone: STATUS_TONE[r.status] },
        { text: r.models === null ? "-" : String(r.models) },
        { text: age, tone: "dim" },
        {
          text: r.healthy + r.unhealthy === 0 ? "-" : `${r.healthy}/${r.healthy + r.unhealthy}`,
          tone: r.unhealthy > 0 ? "warn" : "plain",
        },
        { text: note, tone: r.status === "fresh" ? "dim" : STATUS_TONE[r.status] },
      ],
      detail:
        `${r.provider}: ${r.status}` +
        (r.polledAt ? `, polled ${formatTime(r.polledAt)}` : "") +
        (r.models === null ? "" : `, ${r.models} models listed`) +
        `, ${r.healthy} healthy, ${r.unhealthy} unhealthy` +
        (note ? `; ${note}` : ""),
      search: r.provider.toLowerCase(),
      fields: { status: r.status, provider: r.provider },
    };
  });
  const count = (s: ProviderRecord["status"]) => records.filter((r) => r.status === s).length;
  const models = records.reduce((n, r) => n + (r.models ?? 0), 0);
  return {
    id: "providers",
    title: "Providers",
    columns: [
      { title: "PROVIDER", min: 8, max: 16 },
      { title: "STATUS", min: 7, max: 7 },
      { title: "MODELS", min: 6, max: 6, align: "right" },
      { title: "LAST POLL", min: 9, max: 12, align: "right" },
      { title: "HEALTHY", min: 7, max: 9, align: "right" },
      { title: "NOTE", min: 10 },
    ],
    rows,
    empty: "This epoch names no providers.",
    fields: ["provider", "status"],
    summary:
      `${records.length} providers: ${count("fresh")} fresh, ${count("carried")} carried forward, ` +
      `${count("error")} error; ${models} models listed`,
  };
}
