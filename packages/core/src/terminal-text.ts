// The one sanitiser for human output (architecture invariant 12). Provider- and state-derived
// strings (model ids, names, answers, error messages, lock notes) are hostile: an ESC, BEL or CR
// can set the window title, clear the screen or forge a line, an embedded newline can forge a
// record in a summary, and a bidi control can reverse what follows. Renderers pass such data
// through `terminalSafe` before they colour or pad it; NDJSON and --json keep exact values and
// never go through here. Pure and dependency-free, so the light oracle can use it too.

/**
 * Everything a terminal may interpret rather than print:
 * - C0 controls U+0000-U+001F (ESC, BEL, CR, LF, TAB, NUL...) and DEL U+007F;
 * - C1 controls U+0080-U+009F (U+009B is a one-byte CSI on some terminals);
 * - bidi controls: ALM U+061C, LRM/RLM U+200E-U+200F, LRE..RLO U+202A-U+202E, LRI..PDI
 *   U+2066-U+2069;
 * - line and paragraph separators U+2028-U+2029, which some terminals and viewers break on.
 * TAB is included: inside a table cell it would throw the columns out of line.
 */
// Built from a string: the character class is the whole point, and a regex literal holding
// control characters trips the linter's (sensible) guard against them.
const CLASS =
  "[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029]";
const UNSAFE = new RegExp(CLASS, "g");
const ANY_UNSAFE = new RegExp(CLASS);

/** The usual short spellings, so a newline in a model name reads as `\n`, not `\x0a`. */
const SHORT: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escaped(ch: string): string {
  const short = SHORT[ch];
  if (short !== undefined) return short;
  const code = ch.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * `text` with every control, escape and bidi character shown escaped (`\x1b`, `\r`, `\n`,
 * `\u202e`), so it prints as exactly one line of inert characters. The result contains no
 * character this function would change, and it is never shorter than the input, so column
 * widths are measured on what is actually printed. A backslash is left as it is: a value that
 * already spells `\x1b` prints those four characters, which is harmless, and escaping every
 * backslash would make Windows paths and regexes in notes hard to read.
 */
export function terminalSafe(text: string): string {
  return ANY_UNSAFE.test(text) ? text.replace(UNSAFE, escaped) : text;
}

/** True when `terminalSafe` would return `text` unchanged. */
export function isTerminalSafe(text: string): boolean {
  return !ANY_UNSAFE.test(text);
}
