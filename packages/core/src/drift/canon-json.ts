// JSON answers: the first JSON document in the answer (fenced, bare, or inside prose), in its
// canonical spelling. Key order and whitespace are surface; any value, key or array-order
// difference is a different answer.
import { fencedBlocks } from "./canon-text.js";
import { canonicalJson } from "./canonical-json.js";

/** Bound on the embedded documents tried in prose, so hostile input stays linear-ish. */
const MAX_ATTEMPTS = 32;

function parse(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return null;
  }
}

/** Canonical JSON of the document the answer gives, or null when it gives none. */
export function canonicalJsonAnswer(text: string): string | null {
  const found = findJson(text);
  return found === null ? null : canonicalJson(found.value);
}

export function findJson(text: string): { value: unknown } | null {
  for (const block of fencedBlocks(text)) {
    const inBlock = parse(block.trim()) ?? embedded(block);
    if (inBlock !== null) return inBlock;
  }
  return parse(text.trim()) ?? embedded(text);
}

/** The first balanced {...} or [...] in prose that parses as JSON. */
function embedded(text: string): { value: unknown } | null {
  let from = 0;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const start = text.slice(from).search(/[{[]/);
    if (start < 0) return null;
    const open = from + start;
    const close = matchingClose(text, open);
    // An unclosed bracket means everything after it is inside a broken (truncated) document;
    // pieces of it, like its "values" array, are not the answer.
    if (close < 0) return null;
    const parsed = parse(text.slice(open, close + 1));
    if (parsed !== null) return parsed;
    // A balanced non-JSON structure ({'a': True}) is skipped whole, for the same reason.
    from = close + 1;
  }
  return null;
}

/** Index of the bracket closing the one at `open`, skipping JSON strings; -1 when unbalanced. */
function matchingClose(text: string, open: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") stack.push(ch === "{" ? "}" : "]");
    else if (ch === "}" || ch === "]") {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}
