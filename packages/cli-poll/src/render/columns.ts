// Plain aligned columns with a header line, for a summary that is not on a terminal (a log file,
// CI, a pipe): readable, grep-able, no box drawing. Widths come from the cells' text without
// colour, so padding stays right whatever paint a cell carries.
import { cellText, type TableCell } from "@observatory/cli-kit";
import { terminalSafe } from "@observatory/core";

function plain(v: TableCell): string {
  if (typeof v === "number") return String(v);
  return terminalSafe(typeof v === "string" ? v : v.text);
}

export function columns(
  head: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<TableCell>>,
): string {
  const widths = head.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] === undefined ? 0 : plain(r[i]!).length))),
  );
  const line = (cells: ReadonlyArray<TableCell>) =>
    cells
      .map((v, i) => {
        const pad = i === cells.length - 1 ? 0 : (widths[i] ?? 0) - plain(v).length;
        return cellText(v) + " ".repeat(Math.max(0, pad));
      })
      .join("  ")
      .trimEnd();
  return [line(head), ...rows.map(line)].join("\n");
}
