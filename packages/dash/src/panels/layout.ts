// Fitting a panel's columns into a terminal width: each column gets the width its content wants
// within its bounds; when the line is too long, the widest unbounded columns give way first,
// down to their minimum, and cells are cut with an ellipsis. Pure, so resizes are testable.
import type { Cell, Column } from "./types.js";

export const GAP = 2;

/** Code points, so a cut never splits a surrogate pair. */
const chars = (s: string) => Array.from(s);

/** `text` cut to `width` columns with an ellipsis when it is longer. */
export function cut(text: string, width: number): string {
  if (width <= 0) return "";
  const cs = chars(text);
  if (cs.length <= width) return text;
  return width === 1 ? "…" : `${cs.slice(0, width - 1).join("")}…`;
}

export function pad(text: string, width: number, align: "left" | "right" = "left"): string {
  const t = cut(text, width);
  const fill = " ".repeat(Math.max(0, width - chars(t).length));
  return align === "right" ? fill + t : t + fill;
}

/** Column widths for `width` terminal columns, given the cells that will be shown. */
export function fitColumns(
  columns: readonly Column[],
  rows: ReadonlyArray<readonly Cell[]>,
  width: number,
): number[] {
  const want = columns.map((c, i) => {
    let w = chars(c.title).length;
    for (const r of rows) w = Math.max(w, chars(r[i]?.text ?? "").length);
    return Math.max(c.min, Math.min(w, c.max ?? Number.POSITIVE_INFINITY));
  });
  const gaps = GAP * Math.max(0, columns.length - 1);
  let over = want.reduce((a, b) => a + b, 0) + gaps - width;
  // Unbounded columns (free text, model keys) give way first, widest first; then the rest.
  for (const bounded of [false, true]) {
    while (over > 0) {
      let widest = -1;
      for (let i = 0; i < columns.length; i++) {
        const c = columns[i]!;
        if ((c.max !== undefined) !== bounded || want[i]! <= c.min) continue;
        if (widest < 0 || want[i]! > want[widest]!) widest = i;
      }
      if (widest < 0) break;
      const room = want[widest]! - columns[widest]!.min;
      const take = Math.min(over, room, Math.max(1, Math.ceil(over / 4)));
      want[widest] = want[widest]! - take;
      over -= take;
    }
  }
  return want;
}

/** One table line: cells padded to their widths, joined by the gap, cut to the width. */
export function formatLine(
  cells: ReadonlyArray<{ text: string }>,
  columns: readonly Column[],
  widths: readonly number[],
  width: number,
): string {
  const line = widths
    .map((w, i) => pad(cells[i]?.text ?? "", w, columns[i]?.align))
    .join(" ".repeat(GAP));
  return cut(line.trimEnd(), width);
}
