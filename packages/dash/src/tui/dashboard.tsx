// The dashboard screen for one world: title, epoch facts and alarms, panel tabs, the current
// panel's table (filtered, scrolled, cut to the width) with the selected row's detail, and a
// footer with the keys or the filter prompt. Pure rendering: the App owns state and input.
import { Box } from "ink";
import type { ReactElement } from "react";
import type { HeaderFacts } from "../panels/header.js";
import { cut, fitColumns, GAP, pad } from "../panels/layout.js";
import { PANEL_IDS, PANEL_TITLES, type PanelView } from "../panels/types.js";
import { Line, type Segment } from "./line.js";
import { type UiState, visibleTop } from "./state.js";
import type { Theme } from "./theme.js";
import type { Size } from "./use-size.js";

export interface DashboardProps {
  stateDir: string;
  header: HeaderFacts;
  /** The current panel, already filtered. */
  view: PanelView;
  /** Rows before the filter, for "n of m". */
  total: number;
  ui: UiState;
  size: Size;
  theme: Theme;
  watching: boolean;
}

/** Lines the selected row's detail may take under the table. */
const DETAIL_LINES = 2;

/** Lines the dashboard uses besides the table rows. */
export function chromeLines(header: HeaderFacts): number {
  return 6 + DETAIL_LINES + (warningText(header) === null ? 0 : 1);
}

export function Dashboard(p: DashboardProps) {
  const { view, ui, size, theme: t } = p;
  const width = size.columns;
  const page = Math.max(1, size.rows - 1 - chromeLines(p.header));
  const cursor = Math.min(ui.cursor[view.id], Math.max(0, view.rows.length - 1));
  // The stored scroll position may predate a resize or a refresh: keep the cursor on screen.
  const top = visibleTop(ui.top[view.id], cursor, { rows: view.rows.length, page, fields: [] });
  const visible = view.rows.slice(top, top + page);
  const widths = fitColumns(
    view.columns,
    visible.map((r) => r.cells),
    width - 2,
  );
  const warning = warningText(p.header);
  const filter = ui.filters[view.id];
  const lines: ReactElement[] = [];
  const push = (key: string, segments: Segment[]) =>
    lines.push(<Line key={key} segments={segments} />);

  push("title", [
    { text: " MODEL OBSERVATORY ", style: { ...t.strong(), ...t.selected() } },
    { text: `  ${p.stateDir}`, style: t.tone("dim") },
    ...(p.watching ? [{ text: "  watching", style: t.tone("accent") }] : []),
  ]);
  push("epoch", epochSegments(p.header, t));
  push("tabs", tabSegments(view.id, t));
  if (warning !== null) push("warning", [{ text: warning, style: t.tone("bad") }]);
  push("summary", [
    { text: view.summary, style: t.tone("dim") },
    ...(filter
      ? [
          {
            text: `   filter: ${filter.source} (${view.rows.length} of ${p.total})`,
            style: t.tone("warn"),
          },
        ]
      : []),
  ]);
  push("columns", [
    {
      text: `  ${view.columns.map((c, i) => pad(c.title, widths[i]!, c.align)).join(" ".repeat(GAP))}`,
      style: t.strong(),
    },
  ]);
  if (view.rows.length === 0) {
    push("empty", [
      {
        text: `  ${filter ? "No rows match the filter (Esc clears it)." : view.empty}`,
        style: t.tone("dim"),
      },
    ]);
  }
  visible.forEach((row, i) => {
    const selected = top + i === cursor;
    const segments: Segment[] = [{ text: selected ? "> " : "  " }];
    row.cells.forEach((cell, j) => {
      const col = view.columns[j]!;
      const text =
        pad(cell.text, widths[j]!, col.align) + (j < row.cells.length - 1 ? " ".repeat(GAP) : "");
      segments.push({
        text,
        style: selected ? { ...t.tone(cell.tone), ...t.selected() } : t.tone(cell.tone),
      });
    });
    lines.push(<Line key={`row:${row.id}`} segments={segments} />);
  });
  const bodyEnd = size.rows - 1 - 1 - DETAIL_LINES;
  for (let i = lines.length; i < bodyEnd; i++) push(`pad${i}`, []);
  const detail = wrap(view.rows[cursor]?.detail ?? "", width, DETAIL_LINES);
  for (let i = 0; i < DETAIL_LINES; i++)
    push(`detail${i}`, [{ text: detail[i] ?? "", style: t.tone("dim") }]);
  push("footer", footerSegments(p, view, t));
  return (
    <Box flexDirection="column" width={width}>
      {lines}
    </Box>
  );
}

/** `text` in at most `max` lines of `width`, broken at spaces, the last one cut. */
function wrap(text: string, width: number, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest !== "" && out.length < max - 1) {
    if (rest.length <= width) break;
    const at = rest.lastIndexOf(" ", width);
    const end = at > width / 2 ? at : width;
    out.push(rest.slice(0, end));
    rest = rest.slice(end).trimStart();
  }
  if (rest !== "") out.push(cut(rest, width));
  return out;
}

function warningText(h: HeaderFacts): string | null {
  const parts = [h.fallback, ...h.notes].filter((x): x is string => x !== null);
  return parts.length === 0 ? null : `! ${parts.join("; ")}`;
}

function epochSegments(h: HeaderFacts, t: Theme): Segment[] {
  const flag = (text: string, tone: "warn" | "bad"): Segment[] => [
    { text: " " },
    { text: `[${text}]`, style: { ...t.tone(tone), ...t.strong() } },
  ];
  return [
    { text: "epoch " },
    { text: h.epochId, style: t.strong() },
    { text: `  ${h.age} old`, style: t.tone(h.stale ? "warn" : "dim") },
    ...(h.stale ? flag("STALE", "warn") : []),
    ...(h.fallback ? flag("FALLBACK", "bad") : []),
    ...(h.drifted > 0 ? flag(`DRIFT ${h.drifted}`, "bad") : []),
    ...(h.providerErrors > 0 ? flag(`POLL ERRORS ${h.providerErrors}`, "warn") : []),
    ...(h.violatedLocks > 0 ? flag(`LOCKS VIOLATED ${h.violatedLocks}`, "bad") : []),
  ];
}

function tabSegments(current: PanelView["id"], t: Theme): Segment[] {
  return PANEL_IDS.flatMap((id, i) => {
    const label = `${i + 1} ${PANEL_TITLES[id]}`;
    return id === current
      ? [{ text: `[${label}]`, style: { ...t.strong(), ...t.tone("accent") } }, { text: " " }]
      : [{ text: ` ${label} `, style: t.tone("dim") }, { text: " " }];
  });
}

function footerSegments(p: DashboardProps, view: PanelView, t: Theme): Segment[] {
  const { ui } = p;
  if (ui.prompt !== null) {
    const fields = view.fields.length > 0 ? ` (fields: ${view.fields.join(", ")}; free text)` : "";
    return [
      { text: "/", style: t.strong() },
      { text: `${ui.prompt.text}_` },
      ui.prompt.error
        ? { text: `  ${ui.prompt.error}`, style: t.tone("bad") }
        : { text: `  Enter applies, Esc cancels${fields}`, style: t.tone("dim") },
    ];
  }
  if (ui.flash !== null) return [{ text: ui.flash, style: t.tone("accent") }];
  const esc = ui.filters[view.id] ? "Esc clear filter" : "q/Esc quit";
  const pos =
    view.rows.length === 0
      ? ""
      : `  ${Math.min(ui.cursor[view.id], view.rows.length - 1) + 1}/${view.rows.length}`;
  return [
    { text: `1-5 panel  Tab next  j/k move  / filter  r refresh  ${esc}`, style: t.tone("dim") },
    { text: pos, style: t.tone("dim") },
  ];
}
