// One entry point from a probe's kind and a raw answer to a canonical value. Unparseable answers
// are no data; wrong-but-readable answers get their own value so they can become drift.
import { canonicalExact } from "./canon-exact.js";
import { canonicalJsonAnswer } from "./canon-json.js";
import { type CanonicalResult, isRefusal, noData, ok, prepare, REFUSAL } from "./canon-text.js";
import { canonicalToolCall } from "./canon-toolcall.js";
import { numericText, pickAnswer, promptNumbers } from "./numeric-answer.js";
import { formatFraction, formatNumber } from "./rational.js";

export const PROBE_KINDS = ["exact", "number", "fraction", "json", "tool_call"] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

/** What a canonicalizer needs to know about its probe. */
export interface CanonicalizeTarget {
  kind: ProbeKind;
  /** The expected canonical value; a tool call's function name is looked for first. */
  expected?: string;
  /** The prompt: numbers an answer merely echoes from it are never taken for its answer. */
  prompt?: string;
}

/**
 * Canonicalize a raw answer for a probe. Never throws: any string (or even a non-string from
 * untyped callers) yields a value or a reason.
 */
export function canonicalize(target: CanonicalizeTarget, raw: unknown): CanonicalResult {
  const text = prepare(raw);
  if (text === null) {
    return noData(typeof raw === "string" && raw.trim() !== "" ? "too_long" : "empty");
  }
  // A refusal is checked first: "I can't help with 2+2" must not read as the number 2.
  if (isRefusal(text)) return ok(REFUSAL);
  const value = read(target, text);
  return value === null ? noData(`no_${target.kind}_answer`) : ok(value);
}

function read(target: CanonicalizeTarget, text: string): string | null {
  switch (target.kind) {
    case "exact": {
      // Once "Sure! " is peeled off, "Sure! I can't do that" is a refusal like any other.
      const value = canonicalExact(text);
      return value !== null && isRefusal(value) ? REFUSAL : value;
    }
    case "number":
    case "fraction": {
      const echo = target.prompt === undefined ? [] : promptNumbers(target.prompt);
      const token = pickAnswer(numericText(text), echo);
      if (token === undefined) return null;
      return target.kind === "number" ? formatNumber(token.value) : formatFraction(token.value);
    }
    case "json":
      return canonicalJsonAnswer(text);
    case "tool_call":
      return canonicalToolCall(text, functionName(target.expected));
  }
}

function functionName(expected: string | undefined): string | undefined {
  return expected === undefined ? undefined : /^([A-Za-z_]\w*)\(/.exec(expected)?.[1];
}
