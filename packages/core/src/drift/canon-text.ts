// Text preparation shared by every canonicalizer: Unicode folding, markdown decoration and
// refusal recognition. Nothing here decides what an answer means.

/** What a canonicalizer returns: a canonical value, or no data with a reason. */
export type CanonicalResult = { ok: true; value: string } | { ok: false; reason: string };

/**
 * The canonical value of a refusal. It is a value, not "no data": a model that starts refusing a
 * probe has changed behaviour, and that should be able to become drift like any wrong answer.
 */
export const REFUSAL = "<refusal>";

/** Answers longer than this are not answers to a one-line probe; they are no data. */
export const MAX_ANSWER_CHARS = 16_000;

export const ok = (value: string): CanonicalResult => ({ ok: true, value });
export const noData = (reason: string): CanonicalResult => ({ ok: false, reason });

/**
 * NFC, no zero-width or BOM characters, "\n" line ends, trimmed; null when empty or oversize.
 * Compatibility folding (full-width "ＯＫ" is "OK") is left to the exact and numeric readers:
 * applied here it would also rewrite string values inside JSON and tool-call arguments.
 */
export function prepare(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length > MAX_ANSWER_CHARS) return null;
  const text = raw
    .normalize("NFC")
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, "")
    .replace(/\r\n?/g, "\n")
    .trim();
  return text === "" ? null : text;
}

/** Typographic quotes become ASCII ones, so 'x', ‘x’ and “x” can be handled as one. */
export function straightenQuotes(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"');
}

/** Remove code-fence marker lines (```json ... ```), keeping what they wrap. */
export function stripFenceLines(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/^\s*(```|~~~)/.test(line))
    .join("\n")
    .trim();
}

/** The contents of fenced code blocks, in order (an unclosed fence runs to the end). */
export function fencedBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] | null = null;
  for (const line of text.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) {
      if (current === null) current = [];
      else {
        blocks.push(current.join("\n"));
        current = null;
      }
    } else if (current !== null) current.push(line);
  }
  if (current !== null) blocks.push(current.join("\n"));
  return blocks;
}

/** Markdown emphasis, inline code, headings and quote markers removed; the words stay. */
export function stripMarkdown(text: string): string {
  return (
    stripFenceLines(text)
      .replace(/^\s{0,3}(#{1,6}|>+|[-*+]\s)\s*/gm, "")
      .replace(/[*`~]+/g, "")
      // Underscores at a word's edge are emphasis or a blank ("__8__", "5, __"); inner ones
      // ("snake_case") are part of the word.
      .replace(/(?<![\p{L}\p{M}\p{N}])_+|_+(?![\p{L}\p{M}\p{N}])/gu, "")
      .trim()
  );
}

// An inability or unwillingness statement at the start of the answer. "Sorry, 2+2=4" is not a
// refusal; "I'm sorry, but I can't help with that" is.
const REFUSAL_START =
  /^(?:(?:i'?m|i am)\s+(?:so\s+|very\s+)?sorry[,.!]?\s*(?:but\s+)?|sorry[,.!]?\s*(?:but\s+)?|unfortunately,?\s*)?(?:i\s*(?:can\s*not|can'?t|cannot|won'?t|will not|am unable|'m unable|am not able|'m not able|must decline|do not feel comfortable|don'?t feel comfortable|am not allowed|'m not allowed)\b|as an ai\b|i apologi[sz]e\b)/i;

/** True when the answer opens by declining the request. */
export function isRefusal(text: string): boolean {
  // Leading decoration ("[", quotes, emoji) is skipped as the exact canonicalizer skips it.
  return REFUSAL_START.test(straightenQuotes(stripMarkdown(text)).replace(/^[^\p{L}\p{N}]+/u, ""));
}
