// Helpers for turning provider model entries into core's semantic ModelRecord: values are kept
// as reported (prices stay strings), only their place in the record is decided here.
import { type ModelRecord, ModelRecordSchema } from "@observatory/core";

export type Json = Record<string, unknown>;

export function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

/** A token count: a non-negative integer (integral floats such as 131072.0 accepted). */
export function int(v: unknown): number | undefined {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined;
}

export function first<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((v) => v !== undefined);
}

/**
 * Flattens a pricing object to dotted keys with scalar values as reported:
 * `{input: {usd: 0.15}}` -> `{"input.usd": 0.15}`, OpenRouter's `overrides[0].prompt` ->
 * `"overrides.0.prompt"`. Nulls and booleans carry no price and are left out.
 */
export function flattenPricing(v: unknown): Record<string, string | number> | undefined {
  const out: Record<string, string | number> = {};
  const walk = (value: unknown, prefix: string) => {
    if (typeof value === "string" || (typeof value === "number" && Number.isFinite(value))) {
      if (prefix) out[prefix] = value;
    } else if (Array.isArray(value)) {
      for (const [i, x] of value.entries()) walk(x, prefix ? `${prefix}.${i}` : String(i));
    } else if (obj(value)) {
      for (const [k, x] of Object.entries(value as Json)) walk(x, prefix ? `${prefix}.${k}` : k);
    }
  };
  walk(v, "");
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
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Validates records against core's schema and removes duplicate ids (first wins). Entries that
 * fail are counted as skipped rather than failing the whole listing.
 */
export function finishRecords(candidates: (ModelRecord | undefined)[]): {
  models: ModelRecord[];
  skipped: number;
} {
  const seen = new Set<string>();
  const models: ModelRecord[] = [];
  let skipped = 0;
  for (const c of candidates) {
    const parsed = c ? ModelRecordSchema.safeParse(compact(c)) : undefined;
    if (!parsed?.success) {
      skipped++;
      continue;
    }
    if (seen.has(parsed.data.id)) continue;
    seen.add(parsed.data.id);
    models.push(parsed.data);
  }
  return { models, skipped };
}
