// Terminal hygiene for panels (invariant 12): every string a panel view shows or filters on
// comes from providers or state files, so it is passed through core's terminalSafe once, here,
// before the interactive view or the text summary measures, cuts and colours it. Records (what
// --json prints) are left exact.
import { terminalSafe as safe } from "@observatory/core";
import type { PanelView, Row } from "./types.js";

function safeRow(r: Row): Row {
  return {
    ...r,
    cells: r.cells.map((c) => ({ ...c, text: safe(c.text) })),
    detail: safe(r.detail),
    // Filters match what is shown, so a user can type what they see.
    search: safe(r.search),
    ...(r.fields
      ? { fields: Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [k, safe(v)])) }
      : {}),
  };
}

export function safeView(v: PanelView): PanelView {
  return {
    ...v,
    title: safe(v.title),
    summary: safe(v.summary),
    empty: safe(v.empty),
    columns: v.columns.map((c) => ({ ...c, title: safe(c.title) })),
    rows: v.rows.map(safeRow),
  };
}
