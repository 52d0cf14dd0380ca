// The last step of every listing: validate records, keep numbers that do not fit a double
// (as decimal strings), cap each record's size, and resolve duplicate ids by content, saying
// each time what was done in a listing warning. A listing never fails or flaps over one entry.
import { type ModelRecord, ModelRecordSchema, normalizeDecimal } from "@observatory/core";
import type { ListingWarning } from "../types.js";
import { compact, DEPTH_MARKER, MAX_DEPTH, type RecordDraft } from "./records.js";

/** Per-model caps: a record stays small whatever a provider puts in one entry. */
export const MAX_ID_CHARS = 1024;
export const MAX_TEXT_CHARS = 1024;
export const MAX_RECORD_CHARS = 64 * 1024;
/** Warnings per listing; the rest are counted in one last warning. */
export const MAX_WARNINGS = 100;

const TEXT_FIELDS = ["name", "deprecation_date", "expiration_date", "digest"] as const;
const TRUNCATED = "[truncated]";

export interface Finished {
  models: ModelRecord[];
  skipped: number;
  warnings: ListingWarning[];
}

class Warnings {
  readonly list: ListingWarning[] = [];
  #dropped = 0;
  constructor(readonly provider: string) {}
  add(code: string, id: string, what: string): void {
    if (this.list.length >= MAX_WARNINGS) {
      this.#dropped++;
      return;
    }
    const shown = id.length > 128 ? `${id.slice(0, 128)}…` : id;
    this.list.push({ code, model_id: id, message: `${this.provider}: model "${shown}"${what}` });
  }
  done(): ListingWarning[] {
    if (this.#dropped > 0)
      this.list.push({
        code: "WARNINGS_TRUNCATED",
        message: `${this.provider}: ${this.#dropped} more warnings not shown`,
      });
    return this.list;
  }
}

/** A number that is not a finite safe number, as the string stored in its place. */
function unsafe(v: number): { text: string; why: string } | undefined {
  if (!Number.isFinite(v)) return { text: String(v), why: "is not a finite number" };
  if (Math.abs(v) <= Number.MAX_SAFE_INTEGER) return undefined;
  return { text: normalizeDecimal(v) ?? String(v), why: "is not a safe number" };
}

function keptAs(text: string): string {
  return /^-?\d/.test(text) ? `the decimal string "${text}"` : `the string "${text}"`;
}

/** Counts: safe integers stay numbers; the rest move to `<field>_decimal`, with a warning. */
function finishCounts(d: RecordDraft, out: Record<string, unknown>, w: Warnings): void {
  for (const field of ["context_length", "max_output_tokens"] as const) {
    const v = d[field];
    if (typeof v !== "string") continue;
    delete out[field];
    out[`${field}_decimal`] = v;
    const why = v === "Infinity" ? "is not a finite number" : "is not a safe integer";
    w.add("UNSAFE_NUMBER", d.id, `: ${field} ${v} ${why}; kept as ${keptAs(v)}`);
  }
}

/** Pricing in key order (so caps do not depend on the provider's order), unsafe numbers as
 * strings, within the record's remaining size; a marker entry says how many were left out. */
function finishPricing(
  pricing: Record<string, string | number>,
  id: string,
  room: number,
  w: Warnings,
): { pricing: Record<string, string | number>; used: number; left: number } {
  const out: Record<string, string | number> = {};
  let used = 0;
  let left = 0;
  let deep = false;
  for (const key of Object.keys(pricing).sort()) {
    let value = pricing[key]!;
    if (value === DEPTH_MARKER) deep = true;
    const bad = typeof value === "number" ? unsafe(value) : undefined;
    if (bad) {
      w.add(
        "UNSAFE_NUMBER",
        id,
        `: pricing.${key} ${bad.text} ${bad.why}; kept as ${keptAs(bad.text)}`,
      );
      value = bad.text;
    }
    // As serialised: quotes, colon and comma included.
    const size = key.length + String(value).length + 6;
    if (used + size > room) {
      left++;
      continue;
    }
    used += size;
    out[key] = value;
  }
  if (deep)
    w.add(
      "METADATA_TRUNCATED",
      id,
      `: pricing nested deeper than ${MAX_DEPTH} levels; the rest is replaced by a marker`,
    );
  if (left > 0) out[TRUNCATED] = `${left} more entries`;
  return { pricing: out, used, left };
}

/** One draft to a stored record, or undefined when it cannot be one (counted as skipped). */
function finishOne(d: RecordDraft, w: Warnings): ModelRecord | undefined {
  if (typeof d.id !== "string" || d.id.length > MAX_ID_CHARS) return undefined;
  const out: Record<string, unknown> = compact(d);
  finishCounts(d, out, w);
  let room = MAX_RECORD_CHARS - d.id.length;
  for (const field of TEXT_FIELDS) {
    const v = d[field];
    if (typeof v !== "string") continue;
    if (v.length > MAX_TEXT_CHARS) {
      out[field] = `${v.slice(0, MAX_TEXT_CHARS)}…`;
      w.add("METADATA_TRUNCATED", d.id, `: ${field} longer than ${MAX_TEXT_CHARS} characters; cut`);
    }
    room -= String(out[field]).length;
  }
  let pricingLeft = 0;
  if (d.pricing) {
    const p = finishPricing(d.pricing, d.id, room, w);
    out.pricing = p.pricing;
    room -= p.used;
    pricingLeft = p.left;
  }
  let capsLeft = 0;
  if (d.capabilities) {
    const caps: string[] = [];
    for (const c of d.capabilities) {
      if (c.length + 3 > room) capsLeft++;
      else {
        caps.push(c);
        room -= c.length + 3;
      }
    }
    if (capsLeft > 0) caps.push(`${TRUNCATED} ${capsLeft} more`);
    out.capabilities = caps;
  }
  if (pricingLeft + capsLeft > 0)
    w.add(
      "METADATA_TRUNCATED",
      d.id,
      `: metadata over the ${MAX_RECORD_CHARS}-character cap per model; ${pricingLeft} pricing entries and ${capsLeft} capabilities left out`,
    );
  const parsed = ModelRecordSchema.safeParse(out);
  return parsed.success ? parsed.data : undefined;
}

/** Sorted-key JSON of a record: the deterministic order among records listed under one id. */
function canonicalText(r: ModelRecord): string {
  const sorted = Object.keys(r)
    .sort()
    .map((k) => [k, r[k as keyof ModelRecord]] as const);
  return JSON.stringify(Object.fromEntries(sorted));
}

/**
 * Validates records, in the provider's order. An id listed more than once keeps the record with
 * the greatest canonical JSON, at its first position: the same record whatever the order, so
 * repeats cannot flap METADATA_CHANGED between polls. Entries that cannot be records are
 * counted as skipped rather than failing the whole listing.
 */
export function finishRecords(
  provider: string,
  drafts: Iterable<RecordDraft | undefined>,
): Finished {
  const w = new Warnings(provider);
  const models: ModelRecord[] = [];
  const at = new Map<string, { index: number; times: number; text?: string }>();
  let skipped = 0;
  for (const d of drafts) {
    const record = d ? finishOne(d, w) : undefined;
    if (!record) {
      skipped++;
      continue;
    }
    const seen = at.get(record.id);
    if (!seen) {
      at.set(record.id, { index: models.length, times: 1 });
      models.push(record);
      continue;
    }
    seen.times++;
    seen.text ??= canonicalText(models[seen.index]!);
    const text = canonicalText(record);
    if (text > seen.text) {
      models[seen.index] = record;
      seen.text = text;
    }
  }
  for (const [id, { times }] of at) {
    if (times > 1)
      w.add(
        "DUPLICATE_ID",
        id,
        ` is listed ${times} times; one record is kept, chosen by content, not by list order`,
      );
  }
  return { models, skipped, warnings: w.done() };
}
