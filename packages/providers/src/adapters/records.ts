// Helpers for turning provider model entries into core's semantic ModelRecord: values are kept
// as reported (prices stay strings), only their place in the record is decided here. Nothing
// here recurses over provider data: entries can nest as deep as a body allows.
import type { ModelRecord } from "@observatory/core";

export type Json = Record<string, unknown>;

/** A record as an adapter extracts it: counts that do not fit a safe integer are decimal
 * strings until finishRecords moves them to their `*_decimal` fields, with a warning. */
export type RecordDraft = Omit<ModelRecord, "context_length" | "max_output_tokens"> & {
  context_length?: number | string | undefined;
  max_output_tokens?: number | string | undefined;
};

/** Stored metadata nests at most this deep; anything deeper becomes DEPTH_MARKER. */
export const MAX_DEPTH = 32;
export const DEPTH_MARKER = `[nested deeper than ${MAX_DEPTH} levels]`;

export function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

/**
 * A token count: a non-negative integer (integral floats such as 131072.0 accepted). One past
 * 2^53 - 1 is kept as its exact decimal string ("1152921504606846976"), an overflow as
 * "Infinity": dropping it would read as a change, or fail the record and read as a removal.
 */
export function int(v: unknown): number | string | undefined {
  if (typeof v !== "number" || !(v >= 0)) return undefined;
  if (Number.isSafeInteger(v)) return v;
  if (v === Number.POSITIVE_INFINITY) return "Infinity";
  // The exact integer the double holds: 2^60 is "1152921504606846976", where String() rounds.
  return Number.isInteger(v) ? BigInt(v).toString() : undefined;
}

export function first<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((v) => v !== undefined);
}

/**
 * Flattens a pricing object to dotted keys with scalar values as reported:
 * `{input: {usd: 0.15}}` -> `{"input.usd": 0.15}`, OpenRouter's `overrides[0].prompt` ->
 * `"overrides.0.prompt"`. Nulls and booleans carry no price and are left out. Iterative, and a
 * value nested deeper than MAX_DEPTH is stored as DEPTH_MARKER under its first 32 keys.
 */
export function flattenPricing(v: unknown): Record<string, string | number> | undefined {
  const out: Record<string, string | number> = {};
  // Depth-first, in document order: a stack of [value, path] popped in reverse push order.
  const stack: Array<[unknown, string[]]> = [[v, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === "string" || typeof value === "number") {
      if (path.length > 0) out[path.join(".")] = value;
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (path.length >= MAX_DEPTH) {
      out[path.join(".")] = DEPTH_MARKER;
      continue;
    }
    const keys = Array.isArray(value) ? value.map((_, i) => String(i)) : Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      stack.push([(value as Json)[key], [...path, key]]);
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Capability flags as a sorted set; undefined when there are none to report. */
export function capabilitySet(flags: Iterable<string | undefined | false>): string[] | undefined {
  const set = new Set<string>();
  for (const f of flags) if (f) set.add(f);
  return set.size > 0 ? [...set].sort() : undefined;
}

/** Drops undefined fields so records compare and serialise the same way however built. */
export function compact<T extends object>(value: T): T {
  // A plain loop: this runs per model, and entries/filter/fromEntries tripled the garbage.
  const out: Record<string, unknown> = {};
  for (const k in value) if (value[k] !== undefined) out[k] = value[k];
  return out as T;
}
