// Re-spellings of unchanged metadata: the same values in different bytes. A fingerprint that is
// not normalised (or a raw-payload hash) sees a change here; a correct one does not.

/** "0.000003" -> "3e-06", "15" -> "1.5e+01", "0" -> "0.0"; exact, digit by digit. */
export function decimalToExponent(text: string): string | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const sign = m[1] ?? "";
  const int = m[2] ?? "";
  const all = int + (m[3] ?? "");
  const significant = all.replace(/^0+/, "");
  if (significant === "") return `${sign}0.0`;
  const exp = int.length - (all.length - significant.length) - 1;
  const digits = significant.replace(/0+$/, "");
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = String(Math.abs(exp)).padStart(2, "0");
  return `${sign}${mantissa}e${exp < 0 ? "-" : "+"}${e}`;
}

export interface RespellOptions {
  /** Decimal strings under a `pricing` key in exponent form; non-integer numbers likewise. */
  floats?: boolean;
  /** Normal form for strings other than ids. */
  unicode?: "NFC" | "NFD";
  /** Keys whose string values are identifiers and keep their bytes. */
  idKeys?: ReadonlySet<string>;
}

/** Re-spells string values (prices, names); numbers are re-spelled by `stringify`. */
export function respellValue(value: unknown, options: RespellOptions, inPricing = false): unknown {
  if (typeof value === "string") {
    let out = value;
    if (options.floats && inPricing) out = decimalToExponent(out) ?? out;
    if (options.unicode) out = out.normalize(options.unicode);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => respellValue(v, options, inPricing));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        options.idKeys?.has(k) && typeof v === "string"
          ? v
          : respellValue(v, options, inPricing || k === "pricing");
    }
    return out;
  }
  return value;
}

/**
 * JSON text like JSON.stringify, except that with `floats` non-integer numbers are written in
 * exponent form (0.95 -> 9.5e-01): the parsed value is identical, the bytes are not.
 */
export function stringify(value: unknown, floats = false): string {
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "null";
    const plain = JSON.stringify(value);
    if (!floats || Number.isInteger(value)) return plain;
    return decimalToExponent(plain) ?? plain;
  }
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => stringify(v, floats)).join(",")}]`;
  if (typeof value === "object") {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      parts.push(`${JSON.stringify(k)}:${stringify(v, floats)}`);
    }
    return `{${parts.join(",")}}`;
  }
  return "null";
}
