// Python's json.dumps, as the v1 code called it, for the fixture generator: sorted keys or not,
// compact separators or indent=2, ensure_ascii on or off, and Python's float spelling (1.0,
// 1e-06), so the trees look byte for byte like files v1 wrote.

/** A number Python held as a float (JS cannot tell 1.0 from 1). */
export class PyFloat {
  constructor(readonly value: number) {}
}

export interface PyDumpOptions {
  sortKeys: boolean;
  ensureAscii: boolean;
  /** indent=2 when true; otherwise separators=(",", ":") (stable_json_dumps). */
  indent: boolean;
}

/** Python's repr(float): shortest digits, scientific below 1e-4 and from 1e16, else ".0". */
export function pyFloat(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mant, e] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mant.replace(".", "");
  const exp = Number(e);
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const int = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const frac = digits.slice(exp + 1);
  return `${sign}${int}.${frac === "" ? "0" : frac}`;
}

function str(s: string, ascii: boolean): string {
  const json = JSON.stringify(s);
  if (!ascii) return json;
  return json.replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export function pyDumps(value: unknown, o: PyDumpOptions, depth = 0): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof PyFloat) return pyFloat(value.value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : pyFloat(value);
  if (typeof value === "string") return str(value, o.ensureAscii);
  const pad = (d: number) => (o.indent ? `\n${"  ".repeat(d)}` : "");
  const sep = o.indent ? "," : ",";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((v) => pad(depth + 1) + pyDumps(v, o, depth + 1));
    return `[${items.join(sep)}${pad(depth)}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  if (o.sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const kv = o.indent ? ": " : ":";
  const items = entries.map(
    ([k, v]) => `${pad(depth + 1)}${str(k, o.ensureAscii)}${kv}${pyDumps(v, o, depth + 1)}`,
  );
  return `{${items.join(sep)}${pad(depth)}}`;
}

/** stable_json_dumps: sort_keys, compact, ensure_ascii=False. */
export const stableJson = (v: unknown) =>
  pyDumps(v, { sortKeys: true, ensureAscii: false, indent: false });
/** json.dumps(v, indent=2, sort_keys=True). */
export const indentedSorted = (v: unknown) =>
  pyDumps(v, { sortKeys: true, ensureAscii: true, indent: true });
/** json.dumps(v, indent=2). */
export const indented = (v: unknown) =>
  pyDumps(v, { sortKeys: false, ensureAscii: true, indent: true });
