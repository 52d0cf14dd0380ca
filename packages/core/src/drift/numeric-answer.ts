// Finds the number an answer commits to. Models decorate ("**4**"), show work ("2+2=4"), echo
// the question ("1, 1, 2, 3, 5, 8") or explain ("8, because 3+5=8"); the answer is the value
// they state, never "any number that happens to appear", so "2+2=5" is 5, not 2 or 4.
import { stripMarkdown } from "./canon-text.js";
import { divide, makeRational, parseDecimal, type Rational } from "./rational.js";

export interface NumberToken {
  value: Rational;
  start: number;
  end: number;
}

const SMALL = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
  "twenty",
];
const PARTS: Record<string, number> = {
  half: 2,
  halves: 2,
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fourth: 4,
  fourths: 4,
  fifth: 5,
  fifths: 5,
  sixth: 6,
  sixths: 6,
  seventh: 7,
  sevenths: 7,
  eighth: 8,
  eighths: 8,
  ninth: 9,
  ninths: 9,
  tenth: 10,
  tenths: 10,
};

/**
 * Lower-case, markdown- and LaTeX-free text in which the answer is looked for. `spelled` says
 * its numbers were written as words, which prose uses freely ("the product of two draws").
 */
export function numericText(text: string): { t: string; spelled: boolean } {
  const t = stripMarkdown(text.normalize("NFKC"))
    .toLowerCase()
    .replace(/\\boxed\s*\{([^{}]*)\}/g, " answer: $1 ")
    .replace(/\\[dt]?frac\s*\{\s*([^{}]*?)\s*\}\s*\{\s*([^{}]*?)\s*\}/g, "$1/$2")
    .replace(/\\(?:times|cdot)/g, " * ")
    .replace(/\\[()[\]]|\$/g, " ")
    .replace(/[\u2212\u2012\u2013]/g, "-")
    .replace(/[\u2044\u2215\u00F7]/g, "/");
  if (/\d/.test(t)) return { t: spellOutStated(t), spelled: false };
  return { t: spellOutNumbers(t), spelled: true };
}

// With digits around (often an echo of the question: "the result of 2+2 is four"), a number
// word counts only where it is stated as the result, so "the next one is 8" keeps its "one".
function spellOutStated(t: string): string {
  const word = SMALL.join("|");
  return t.replace(
    new RegExp(
      `(=|:|\\bis|\\bequals|\\bequal to|\\bgives?|\\bmakes?|\\bwith)(\\s*(?:approximately|about|exactly|just|simply)?\\s*)(${word})\\b`,
      "g",
    ),
    (_m, marker: string, gap: string, w: string) => `${marker}${gap}${SMALL.indexOf(w)}`,
  );
}

// Only consulted when an answer has no digits at all, so "the next one is 8" keeps its 8.
function spellOutNumbers(t: string): string {
  const word = SMALL.join("|");
  return t
    .replace(
      new RegExp(`\\b(${word}|a|an)[\\s-]+(${Object.keys(PARTS).join("|")})\\b`, "g"),
      (_m, n: string, p: string) => `${n === "a" || n === "an" ? 1 : SMALL.indexOf(n)}/${PARTS[p]}`,
    )
    .replace(new RegExp(`\\b(${word})\\b`, "g"), (w) => String(SMALL.indexOf(w)));
}

// A number not glued to a word, a decimal point or a slash on its left; "-" is a sign only when
// nothing numeric precedes it, so "5-3" holds 5 and 3. Optional "/ d", "%" or "out of d".
const TOKEN =
  /(?<![\w./])(-?)(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)(?:\s*\/\s*(-?\d+(?:\.\d+)?)|\s+out\s+of\s+(\d+))?(\s*%|\s+percent\b)?/g;

export function findNumbers(t: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  for (const m of t.matchAll(TOKEN)) {
    const [whole, sign = "", num = "", over, outOf, percent] = m;
    let value = parseDecimal(`${sign}${num}`);
    const den = over ?? outOf;
    if (value !== null && den !== undefined) {
      const d = parseDecimal(den);
      value = d === null ? null : divide(value, d);
    }
    if (value !== null && percent !== undefined) value = makeRational(value.n, value.d * 100n);
    if (value !== null) tokens.push({ value, start: m.index, end: m.index + whole.length });
  }
  return tokens;
}

// Words and symbols after which a number is the stated result.
const MARKER =
  /(?:=|≈|→|->|=>|⇒|:|\bis|\bequals|\bequal to|\bbe|\bgives?|\bget|\bmakes?|\bwith|\bto)\s*(?:approximately|about|exactly|roughly|just|simply|probably)?\s*$/;
const LIST_GAP = /^\s*,\s*(?:and\s+|then\s+)?$|^\s+(?:and|then)\s+$/;
const EXPLANATION = /\b(?:because|since|as|so|which|where|given|from|after|by)\b|[;—(]/;

/**
 * The number the answer commits to, or undefined when it states none. A number spelled as a
 * word counts only when stated as the answer ("Four", "the answer is four"), not in passing.
 */
export function pickAnswer(
  {
    t,
    spelled,
  }: {
    t: string;
    spelled: boolean;
  },
  echo: readonly Rational[] = [],
): NumberToken | undefined {
  const tokens = withoutEcho(t, findNumbers(t), echo);
  if (tokens.length === 0) return undefined;
  const stated = leadingAnswer(t, tokens) ?? lastMarked(t, tokens);
  return stated ?? (spelled ? undefined : headAnswer(t, tokens));
}

/** The numbers of a prompt, in order, for recognising its echo in an answer. */
export function promptNumbers(prompt: string): Rational[] {
  return findNumbers(numericText(prompt).t).map((k) => k.value);
}

// What may stand between two numbers of one echoed expression or list: operators, commas,
// words ("3 red balls and 2"), but no statement of a result and no sentence end.
const NOT_ONE_RUN = /[=:.?!;\n]|\b(?:is|are|equals?|gives?|makes?)\b/;

/**
 * Drops the numbers an answer merely repeats from the question: a run of two or more numbers,
 * side by side, equal to consecutive numbers of the prompt ("2+2", "1, 1, 2, 3, 5", "3 red and
 * 2 blue"). Those are the question, never its answer; what follows them may be.
 */
function withoutEcho(t: string, tokens: NumberToken[], echo: readonly Rational[]): NumberToken[] {
  if (echo.length < 2 || tokens.length < 2) return tokens;
  const same = (a: Rational, b: Rational) => a.n * b.d === b.n * a.d;
  const drop = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    for (let j = 0; j < echo.length; j++) {
      let len = 0;
      while (
        i + len < tokens.length &&
        j + len < echo.length &&
        same(tokens[i + len]!.value, echo[j + len]!) &&
        (len === 0 || adjacent(t, tokens[i + len - 1]!, tokens[i + len]!))
      )
        len++;
      if (len >= 2) for (let k = 0; k < len; k++) drop.add(i + k);
    }
  }
  return drop.size === 0 ? tokens : tokens.filter((_k, i) => !drop.has(i));
}

/** Two numbers of one expression or list, as a question would hold them. */
function adjacent(t: string, a: NumberToken, b: NumberToken): boolean {
  const between = t.slice(a.end, b.start);
  return between.length <= 24 && !NOT_ONE_RUN.test(between);
}

/** A first line that is nothing but one number ("8", "**4.**", "= 3/10") is the answer. */
function leadingAnswer(t: string, tokens: NumberToken[]): NumberToken | undefined {
  const lineEnd = t.indexOf("\n") === -1 ? t.length : t.indexOf("\n");
  const inLine = tokens.filter((k) => k.end <= lineEnd);
  const only = inLine[0];
  if (inLine.length !== 1 || only === undefined) return undefined;
  const rest = t.slice(0, only.start) + t.slice(only.end, lineEnd);
  return /\p{L}/u.test(rest) ? undefined : only;
}

/** The last number stated as a result ("= 4", "is 8", "answer: 3/10"), read to the end of a list. */
function lastMarked(t: string, tokens: NumberToken[]): NumberToken | undefined {
  let i = -1;
  tokens.forEach((k, idx) => {
    if (MARKER.test(t.slice(Math.max(0, k.start - 24), k.start))) i = idx;
  });
  if (i < 0) return undefined;
  while (i + 1 < tokens.length && LIST_GAP.test(t.slice(tokens[i]!.end, tokens[i + 1]!.start))) i++;
  return tokens[i];
}

/** Otherwise: the last number of the first statement, before any explanation or aside. */
function headAnswer(t: string, tokens: NumberToken[]): NumberToken | undefined {
  const first = tokens[0]!;
  const lineStart = t.lastIndexOf("\n", first.start) + 1;
  const nl = t.indexOf("\n", first.end);
  const line = t.slice(lineStart, nl === -1 ? t.length : nl);
  const inLine = tokens.filter((k) => k.start >= lineStart && k.end <= lineStart + line.length);
  const cut = EXPLANATION.exec(line);
  const head = cut === null ? inLine : inLine.filter((k) => k.end <= lineStart + cut.index);
  return (head.length > 0 ? head : inLine).at(-1);
}
