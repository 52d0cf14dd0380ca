// The one-shot text summary printed when stdout is not a terminal: the epoch facts, then every
// panel as a plain table fitted to a width (the interactive view's layout: a header, a rule,
// one line per row), at most `limit` rows each. No colour and no escape codes: it is meant for
// pipes, logs and mail. cli-kit's boxed tables draw a rule between rows, which would double the
// length of a summary that is mostly rows, so the plain layout is used here. Panel views arrive
// sanitised (panels/safe.ts); the header facts are escaped here, since --json shares them exact.
import { terminalSafe as safe } from "@observatory/core";
import type { World } from "../load/world.js";
import type { PanelContext } from "../panels/context.js";
import { formatTime } from "../panels/format.js";
import { headerFacts, headerLine } from "../panels/header.js";
import type { Panels } from "../panels/index.js";
import { fitColumns, formatLine } from "../panels/layout.js";
import { PANEL_IDS, type PanelId, type PanelView } from "../panels/types.js";

export const DEFAULT_SUMMARY_WIDTH = 120;

export interface SummaryOptions {
  /** Rows per panel; 0 for all. */
  limit: number;
  /** Only these panels (default: all five). */
  panels?: readonly PanelId[];
  /** Line width the tables are fitted to. */
  width?: number;
}

export function renderSummary(
  world: World,
  panels: Panels,
  ctx: PanelContext,
  options: SummaryOptions,
): string {
  const width = options.width ?? DEFAULT_SUMMARY_WIDTH;
  const h = headerFacts(world, ctx);
  const out: string[] = [
    `Model Observatory: ${safe(world.stateDir)}`,
    safe(headerLine(h)),
    `created ${safe(formatTime(h.createdAt))} by ${safe(world.epoch.writer)}`,
  ];
  if (h.fallback) out.push(`warning: ${safe(h.fallback)}`);
  for (const n of h.notes) out.push(`warning: ${safe(n)}`);
  for (const id of options.panels ?? PANEL_IDS) {
    out.push("", ...panelText(panels.views[id], options.limit, width));
  }
  return `${out.join("\n")}\n`;
}

export function panelText(view: PanelView, limit: number, width: number): string[] {
  const lines = [`== ${view.title}: ${view.summary}`];
  if (view.rows.length === 0) return [...lines, view.empty];
  const shown = limit > 0 ? view.rows.slice(0, limit) : view.rows;
  const widths = fitColumns(
    view.columns,
    shown.map((r) => r.cells),
    width,
  );
  const titles = view.columns.map((c) => ({ text: c.title }));
  lines.push(formatLine(titles, view.columns, widths, width));
  lines.push(
    formatLine(
      widths.map((w) => ({ text: "-".repeat(w) })),
      view.columns,
      widths,
      width,
    ),
  );
  for (const r of shown) lines.push(formatLine(r.cells, view.columns, widths, width));
  if (shown.length < view.rows.length) {
    lines.push(`... and ${view.rows.length - shown.length} more (--limit 0 shows all)`);
  }
  return lines;
}
