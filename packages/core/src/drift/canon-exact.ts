// "Return exactly: X" answers. The canonical value is the whole answer with only decoration
// removed (case, markdown, quotes, end punctuation, a courtesy preamble), never a substring
// search: "OK." is "ok", but "token", "Okay" and "OK, OK" are their own values.
import { straightenQuotes, stripMarkdown } from "./canon-text.js";

// A preamble that carries no content: "Sure! OK", "Here you go: OK", "Answer: OK".
const COURTESY =
  /^(?:sure(?: thing)?|certainly|of course|absolutely|okay|alright|all right|here(?: it is| you go| you are| is (?:the|my) (?:answer|response|output|text|reply))?|answer|output|response|result|reply)\s*[,!.:;\u2014-]+\s*/;
// A line that only announces what follows ("Here is the output:").
const ANNOUNCEMENT = /^[^\n]{0,60}:$/;

/** The canonical value of an exact-text answer, or null when nothing is left of it. */
export function canonicalExact(text: string): string | null {
  const lines = straightenQuotes(stripMarkdown(text.normalize("NFKC")))
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  // Drop announcement lines only when something follows them; a lone "Note:" stays an answer.
  while (lines.length > 1 && ANNOUNCEMENT.test(lines[0]!)) lines.shift();
  let t = lines.join(" ").toLowerCase().replace(/\s+/g, " ");
  // Peel decoration until nothing changes, so the result is a fixed point of this function.
  for (let prev = ""; prev !== t; ) {
    prev = t;
    // Re-normalise: removing "~" or "*" can hand a combining mark to a new base letter.
    t = t.normalize("NFKC").replace(/^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu, "");
    const stripped = t.replace(COURTESY, "");
    if (stripped !== "") t = stripped;
  }
  return t === "" ? null : t;
}
