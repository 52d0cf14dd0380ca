// Function-call answers: `get_weather(city="Tokyo", units='celsius')` in one canonical spelling
// (keyword arguments sorted, double quotes, no insignificant whitespace). A call in another
// format is a different value, not no data: a model changing its call format is tier-4 drift.

import { findJson } from "./canon-json.js";
import { straightenQuotes, stripFenceLines } from "./canon-text.js";
import { canonicalJson } from "./canonical-json.js";
import { normalizeDecimal } from "./decimal.js";

const NAME = /[A-Za-z_][\w.]*/y;
const IDENT = /^[A-Za-z_]\w*$/;

/**
 * Canonical value of a tool-call answer, or null when the answer holds no call at all.
 * `preferredName` (the expected function) is looked for first, so prose like "Sure (here):"
 * before the call is not mistaken for one; any other call is still read faithfully.
 */
export function canonicalToolCall(text: string, preferredName?: string): string | null {
  const t = straightenQuotes(stripFenceLines(text)).replace(/`/g, "");
  const start = findCall(t, preferredName);
  if (start !== null) return readCall(t, start.name, start.open);
  // A structured call ({"name": ..., "arguments": ...}) instead of the requested syntax.
  const json = findJson(t);
  if (json !== null && typeof json.value === "object" && json.value !== null) {
    const canonical = canonicalJson(json.value);
    return canonical === null ? null : `json:${canonical}`;
  }
  return null;
}

function findCall(t: string, preferred?: string): { name: string; open: number } | null {
  if (preferred !== undefined && IDENT.test(preferred)) {
    const m = new RegExp(`(?<![\\w.])${preferred}\\s*\\(`).exec(t);
    if (m) return { name: preferred, open: m.index + m[0].length - 1 };
  }
  // Any other call must have its "(" right after the name, as code does and prose does not.
  const m = /(?<![\w.])([A-Za-z_][\w.]*)\(/.exec(t);
  return m ? { name: m[1]!, open: m.index + m[0].length - 1 } : null;
}

/** Parse the argument list after `open`; null when the call is never closed (truncated). */
function readCall(t: string, name: string, open: number): string | null {
  const positional: string[] = [];
  const keyword: [string, string][] = [];
  let i = open + 1;
  const skipSpace = () => {
    while (i < t.length && /\s/.test(t[i]!)) i++;
  };
  for (;;) {
    skipSpace();
    if (i >= t.length) return null;
    if (t[i] === ")") break;
    let key: string | null = null;
    NAME.lastIndex = i;
    const named = NAME.exec(t);
    if (named) {
      let j = i + named[0].length;
      while (j < t.length && /\s/.test(t[j]!)) j++;
      if (t[j] === "=" && t[j + 1] !== "=") {
        key = named[0];
        i = j + 1;
        skipSpace();
      }
    }
    const value = readValue(t, i);
    if (value === null) return unparsed(t, name, open);
    i = value.end;
    if (key === null) positional.push(value.text);
    else keyword.push([key, value.text]);
    skipSpace();
    if (t[i] === ",") i++;
    else if (t[i] !== ")") return unparsed(t, name, open);
  }
  keyword.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const args = [...positional, ...keyword.map(([k, v]) => `${k}=${v}`)];
  return `${name}(${args.join(",")})`;
}

/** A quoted string (either quote, escapes honoured) or a bare token up to "," or ")". */
function readValue(t: string, i: number): { text: string; end: number } | null {
  const quote = t[i];
  if (quote === '"' || quote === "'") {
    let out = "";
    for (let j = i + 1; j < t.length; j++) {
      const ch = t[j]!;
      if (ch === "\\" && j + 1 < t.length) out += t[++j];
      else if (ch === quote) return { text: JSON.stringify(out.normalize("NFC")), end: j + 1 };
      else out += ch;
    }
    return null;
  }
  const m = /^[^,()"'\s]+/.exec(t.slice(i, i + 200));
  if (!m) return null;
  return { text: normalizeDecimal(m[0]) ?? m[0], end: i + m[0].length };
}

// Arguments in a syntax we do not read (`city: "Tokyo"`) still make a value of their own, marked
// so it can never collide with a parsed call.
function unparsed(t: string, name: string, open: number): string | null {
  const close = t.indexOf(")", open);
  if (close < 0) return null;
  return `unparsed:${name}(${t
    .slice(open + 1, close)
    .replace(/\s+/g, " ")
    .trim()})`;
}
