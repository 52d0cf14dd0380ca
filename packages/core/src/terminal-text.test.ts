import { describe, expect, it } from "vitest";
import { isTerminalSafe, terminalSafe } from "./terminal-text.js";

// A model id a hostile provider could list: set the window title, clear the screen, return to
// column 0 and forge a line, start a new line, then reverse the rest of the line.
const HOSTILE = "gpt\u001b]0;pwned\u0007\u001b[2J\rFAKE LINE\nok\u202e";

describe("terminalSafe: what a provider string may not do to a terminal", () => {
  it.each([
    ["ESC", "a\u001bb", "a\\x1bb"],
    ["BEL", "a\u0007b", "a\\x07b"],
    ["NUL", "a\u0000b", "a\\x00b"],
    ["CR", "a\rb", "a\\rb"],
    ["LF", "a\nb", "a\\nb"],
    ["TAB", "a\tb", "a\\tb"],
    ["DEL", "a\u007fb", "a\\x7fb"],
    ["C1 CSI", "a\u009bb", "a\\x9bb"],
    ["C1 NEL", "a\u0085b", "a\\x85b"],
    ["RLO", "a\u202eb", "a\\u202eb"],
    ["LRI..PDI", "\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069"],
    ["LRM, RLM, ALM", "\u200e\u200f\u061c", "\\u200e\\u200f\\u061c"],
    ["LRE..PDF", "\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d"],
    ["line and paragraph separators", "a\u2028b\u2029", "a\\u2028b\\u2029"],
  ])("escapes %s", (_name, raw, shown) => {
    expect(terminalSafe(raw)).toBe(shown);
  });

  it("leaves ordinary text alone, including non-Latin scripts, emoji and backslashes", () => {
    for (const s of [
      "gpt-4o-2024-08-06",
      "models/gemini-1.5-pro",
      "qwen2.5:7b",
      "Müller ñ 日本語 العربية עברית",
      "👩‍💻 family 👨‍👩‍👧",
      "C:\\path\\x1b is just text",
      "",
    ]) {
      expect(terminalSafe(s)).toBe(s);
      expect(isTerminalSafe(s)).toBe(true);
    }
  });

  it("turns the hostile model id into one printable line", () => {
    const out = terminalSafe(HOSTILE);
    expect(out).toBe("gpt\\x1b]0;pwned\\x07\\x1b[2J\\rFAKE LINE\\nok\\u202e");
    expect(isTerminalSafe(HOSTILE)).toBe(false);
    expect(isTerminalSafe(out)).toBe(true);
  });

  it("every code point up to U+FFFF comes out free of anything a terminal interprets", () => {
    // Exhaustive instead of sampled: the whole BMP is small enough to check in one go.
    const all = Array.from({ length: 0xd800 }, (_, i) => String.fromCharCode(i)).join("");
    const out = terminalSafe(all + String.fromCharCode(...range(0xe000, 0x10000)));
    // Checked by code point, independently of the function's own character class.
    const forbidden = (c: number) =>
      c < 0x20 ||
      (c >= 0x7f && c <= 0x9f) ||
      c === 0x061c ||
      c === 0x200e ||
      c === 0x200f ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069) ||
      c === 0x2028 ||
      c === 0x2029;
    const bad = [...out].filter((ch) => forbidden(ch.codePointAt(0)!));
    expect(bad).toEqual([]);
  });

  it("is idempotent in what it shows: escaping twice only escapes nothing new", () => {
    const once = terminalSafe(HOSTILE);
    expect(terminalSafe(once)).toBe(once);
  });

  it("handles long input without recursion or quadratic blow-up", () => {
    const long = "\u001b".repeat(200_000);
    expect(terminalSafe(long)).toHaveLength(800_000);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
