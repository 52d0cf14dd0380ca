// A plain text table: padded columns, numbers right-aligned, a rule under the header.
import { visibleLength } from "./style.js";

export type Align = "left" | "right";

export function table(head: string[], rows: string[][], align: Align[] = []): string {
  const widths = head.map((h, i) =>
    Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i] ?? ""))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const pad = " ".repeat(widths[i]! - visibleLength(c));
        return align[i] === "right" ? pad + c : c + pad;
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(head), rule, ...rows.map(line)].join("\n");
}
