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

/** 200000 -> "200k", 1048576 -> "1.05M", null -> "-". */
export function formatTokens(n: number | null): string {
  if (n === null) return "-";
  if (n >= 1_000_000) return `${trim(n / 1_000_000)}M`;
  if (n >= 1000) return `${trim(n / 1000)}k`;
  return String(n);
}

function trim(x: number): string {
  return x.toFixed(x >= 100 ? 0 : 2).replace(/\.?0+$/, "");
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
