// Exact decimal normalisation for fingerprints: one spelling per value, never a float round-trip.
// "1e-06", "0.000001", "0.0000010" and 1e-6 all become "0.000001"; prices stay exact decimals.

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,6}))?$/;

/** Beyond this many digits a plain spelling is silly; such values are written in scientific form. */
const MAX_PLAIN_DIGITS = 120;

/**
 * The canonical decimal spelling of a number or numeric string, or null when it is not a
 * finite decimal (e.g. "free", "", NaN). Leading "+", leading and trailing zeros, exponents and
 * "-0" are normalised away; nothing is ever rounded.
 */
export function normalizeDecimal(input: string | number): string | null {
  if (typeof input === "number") {
    // String() gives the shortest spelling that round-trips, so 3e-7 stays exactly 3e-7.
    if (!Number.isFinite(input)) return null;
    return normalizeDecimal(String(input));
  }
  const m = DECIMAL.exec(input.trim());
  if (!m) return null;
  const [, sign = "", intPart = "", fracPart = "", expPart] = m;
  if (intPart === "" && fracPart === "") return null;
  // `digits` holds the significant digits; `point` is where the decimal point sits in them.
  const intDigits = intPart.replace(/^0+/, "");
  let digits: string;
  let point: number;
  if (intDigits !== "") {
    digits = `${intDigits}${fracPart}`;
    point = intDigits.length;
  } else {
    digits = fracPart.replace(/^0+/, "");
    point = digits.length - fracPart.length;
  }
  point += expPart === undefined ? 0 : Number.parseInt(expPart, 10);
  digits = digits.replace(/0+$/, "");
  if (digits === "") return "0";
  const neg = sign === "-" ? "-" : "";
  if (point > MAX_PLAIN_DIGITS || point < -MAX_PLAIN_DIGITS) {
    const rest = digits.slice(1);
    return `${neg}${digits[0]}${rest ? `.${rest}` : ""}e${point - 1}`;
  }
  if (point <= 0) return `${neg}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${neg}${digits}${"0".repeat(point - digits.length)}`;
  return `${neg}${digits.slice(0, point)}.${digits.slice(point)}`;
}
