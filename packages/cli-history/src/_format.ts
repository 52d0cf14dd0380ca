// How values read in tables and CSV. Tables escape provider strings themselves (cli-kit table);
// CSV and NDJSON keep exact values.

/** +12.5%, -20%, or "" when the change is not between two numbers. */
export function relativeText(relative: number | null): string {
  if (relative === null) return "";
  const pct = Number((relative * 100).toFixed(1));
  return `${pct > 0 ? "+" : ""}${pct}%`;
}

/** A value as reported, for a table cell; null is "not reported". */
export function valueText(v: string | number | boolean | null): string {
  return v === null ? "-" : String(v);
}

/** "2026-11-21 05:20:29Z": an ISO time, shorter for a table. */
export function shortTime(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d{3}Z$/, "Z");
}

/** One CSV line (RFC 4180): fields with a comma, quote or line break are quoted. */
export function csvLine(fields: ReadonlyArray<string | number | boolean | null>): string {
  return `${fields
    .map((f) => {
      const s = f === null ? "" : String(f);
      return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    })
    .join(",")}\n`;
}

/** "1 change", "2 changes". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** A ratio for a spreadsheet: 12 significant digits, so 0.19999999999999993 reads 0.2. */
export function csvNumber(n: number | null): number | null {
  return n === null ? null : Number(n.toPrecision(12));
}
