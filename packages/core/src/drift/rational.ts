// Exact rationals for numeric answers: "0.3", "3/10", "6/20" and "30%" are one value, and no
// float rounding can make a wrong answer equal a right one.

/** n/d in lowest terms with d > 0. */
export interface Rational {
  n: bigint;
  d: bigint;
}

/** Numbers with more digits than this are not answers to a probe; parsing them is refused. */
const MAX_DIGITS = 40;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function makeRational(n: bigint, d: bigint): Rational | null {
  if (d === 0n) return null;
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

/** "-12", "0.30", "1,000", ".5" -> exact rational; null when not such a number or too long. */
export function parseDecimal(text: string): Rational | null {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.replace(/,(?=\d{3}(?:\D|$))/g, ""));
  if (!m) return null;
  const [, sign = "", int = "", frac = ""] = m;
  if (int === "" && frac === "") return null;
  if (int.length + frac.length > MAX_DIGITS) return null;
  const n = BigInt(`${sign}${int || "0"}${frac}`);
  return makeRational(n, 10n ** BigInt(frac.length));
}

export function divide(a: Rational, b: Rational): Rational | null {
  return makeRational(a.n * b.d, a.d * b.n);
}

/** Always "n/d": the fraction canonical form ("3/10", "1/1"). */
export function formatFraction(r: Rational): string {
  return `${r.n}/${r.d}`;
}

/** "4", "-0.25", or "1/3" when the decimal would not terminate: the number canonical form. */
export function formatNumber(r: Rational): string {
  if (r.d === 1n) return r.n.toString();
  // A fraction terminates in base 10 exactly when its denominator has no prime factors but 2, 5.
  let d = r.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  if (d !== 1n) return formatFraction(r);
  const places = Math.max(twos, fives);
  const scaled = (r.n * 10n ** BigInt(places)) / r.d;
  const neg = scaled < 0n ? "-" : "";
  const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(places + 1, "0");
  return `${neg}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}
