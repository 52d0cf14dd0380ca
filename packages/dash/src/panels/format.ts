// Small text formatters shared by the panels. Pure.

/** "45s", "3m 12s", "2h 5m", "3d 4h": how long ago, to the two largest units. */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms)) return "?";
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** "2026-11-21 06:30:27Z" from an ISO time; the input unchanged when it does not parse. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 19).replace("T", " ")}Z`;
}

/** "11-21 06:30:27": compact UTC time for a table column. */
export function shortTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toISOString().slice(5, 19).replace("T", " ");
}

/**
 * A token count to three significant digits with a k (thousand), M (million) or B (billion)
 * suffix, trailing zeros dropped: 200000 -> "200k", 32768 -> "32.8k", 4096 -> "4.1k",
 * 1048576 -> "1.05M", 1000000 -> "1M"; below 1000 the number itself; null -> "-". A count that
 * rounds up to 1000 of a unit moves to the next (999999 -> "1M", never "1000k").
 */
export function formatTokens(n: number | null): string {
  if (n === null) return "-";
  if (!Number.isFinite(n) || n < 1000) return String(n);
  let unit = 1;
  while (unit < TOKEN_UNITS.length - 1 && Number(threeDigits(n / 1000 ** unit)) >= 1000) unit++;
  return `${threeDigits(n / 1000 ** unit)}${TOKEN_UNITS[unit]}`;
}

const TOKEN_UNITS = ["", "k", "M", "B"] as const;

/** x (>= 1) rounded to three significant digits, without trailing zeros after the point. */
function threeDigits(x: number): string {
  const s = x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : 2);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

export function formatMs(n: number | null): string {
  return n === null ? "-" : `${Math.round(n)}`;
}

export function formatRatio(n: number | null): string {
  return n === null ? "-" : n.toFixed(2);
}

/** Collapses whitespace so a value always fits on one line. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}
