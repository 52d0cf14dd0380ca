// Semantic model fingerprints and registry hashes: list order, float spelling and Unicode normal
// form never change a hash; a real change to a semantic field always does.

import type { ModelRecord } from "../model.js";
import { sha256Hex } from "../state/canonical-json.js";
import { canonicalJson } from "./canonical-json.js";
import { normalizeDecimal } from "./decimal.js";

/** The fingerprint scheme this code computes. Snapshots record it; a change means rebaseline. */
export const FINGERPRINT_SCHEME = "semantic-v1";
/** v1 hashed raw provider payloads; those hashes are not comparable with semantic ones. */
export const LEGACY_FINGERPRINT_SCHEME = "v1-raw";

/** The normalised semantic fields of a model: the only input to its fingerprint and diffs. */
export interface CanonicalModel {
  id: string;
  name?: string;
  context_length?: string;
  max_output_tokens?: string;
  pricing?: Record<string, string>;
  capabilities?: string[];
  deprecation_date?: string;
  expiration_date?: string;
  digest?: string;
}

/** NFC, trimmed, inner whitespace runs collapsed; empty means "not reported". */
function text(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = value.normalize("NFC").trim().replace(/\s+/g, " ");
  return t === "" ? undefined : t;
}

function decimalOrText(value: string | number): string | undefined {
  return normalizeDecimal(value) ?? text(String(value));
}

/** A count, or its `*_decimal` spelling when it did not fit a safe integer: the same field. */
function count(value: number | undefined, decimal?: string): string | undefined {
  if (value !== undefined) return normalizeDecimal(value) ?? undefined;
  return decimal === undefined ? undefined : decimalOrText(decimal);
}

/**
 * Normalise a model record to its semantic form. Absent, empty-string, empty-object and
 * empty-list fields (and zero prices) are all "not reported", so a provider that starts sending `[]` for a
 * field it used to omit does not look like a change.
 */
export function canonicalModel(record: ModelRecord): CanonicalModel {
  const out: CanonicalModel = { id: record.id.normalize("NFC").trim() };
  const set = <K extends keyof CanonicalModel>(key: K, v: CanonicalModel[K] | undefined) => {
    if (v !== undefined) out[key] = v;
  };
  set("name", text(record.name));
  set("context_length", count(record.context_length, record.context_length_decimal));
  set("max_output_tokens", count(record.max_output_tokens, record.max_output_tokens_decimal));
  const pricing: Record<string, string> = {};
  for (const [k, v] of Object.entries(record.pricing ?? {})) {
    const key = text(k);
    const value = decimalOrText(v);
    // A zero price and an unreported one bill the same; OpenRouter stopped sending its zero
    // entries between 2025-11 and 2026-08, which must not read as a price change on every model.
    if (key !== undefined && value !== undefined && value !== "0") pricing[key] = value;
  }
  const keys = Object.keys(pricing).sort();
  if (keys.length > 0) set("pricing", Object.fromEntries(keys.map((k) => [k, pricing[k]!])));
  const caps = [...new Set((record.capabilities ?? []).map(text))].filter(
    (c): c is string => c !== undefined,
  );
  if (caps.length > 0) set("capabilities", caps.sort());
  set("deprecation_date", text(record.deprecation_date));
  set("expiration_date", text(record.expiration_date));
  // Digests are hex; case is a spelling, not a different blob.
  set("digest", text(record.digest)?.toLowerCase());
  return out;
}

/** Full SHA-256 (64 hex) of a model's semantic fields under FINGERPRINT_SCHEME. */
export function modelFingerprint(record: ModelRecord): string {
  return fingerprintOf(canonicalModel(record));
}

export function fingerprintOf(model: CanonicalModel): string {
  // canonicalJson cannot fail here: a CanonicalModel holds only strings, arrays and objects.
  return sha256Hex(`${FINGERPRINT_SCHEME}\n${canonicalJson(model)}`);
}

/**
 * One entry per model id, with the record it came from. A listing that repeats an id keeps the
 * record with the smallest fingerprint, so the choice (and every hash built on it) does not
 * depend on list order.
 */
export function uniqueRecordsById(
  records: readonly ModelRecord[],
): Map<string, { model: CanonicalModel; record: ModelRecord }> {
  const out = new Map<string, { model: CanonicalModel; record: ModelRecord }>();
  // Fingerprints only decide between repeats, which are rare: hash only when an id repeats.
  let fps: Map<string, string> | undefined;
  for (const record of records) {
    const model = canonicalModel(record);
    const seen = out.get(model.id);
    if (seen === undefined) {
      out.set(model.id, { model, record });
      continue;
    }
    fps ??= new Map();
    const seenFp = fps.get(model.id) ?? fingerprintOf(seen.model);
    const fp = fingerprintOf(model);
    if (fp < seenFp) {
      out.set(model.id, { model, record });
      fps.set(model.id, fp);
    } else fps.set(model.id, seenFp);
  }
  return out;
}

/** uniqueRecordsById's canonical models alone. */
export function uniqueById(records: readonly ModelRecord[]): Map<string, CanonicalModel> {
  return new Map([...uniqueRecordsById(records)].map(([id, { model }]) => [id, model]));
}

/** Semantic registry hash of one provider's listing; ignores list order and duplicates. */
export function registryHash(provider: string, records: readonly ModelRecord[]): string {
  const lines = [...uniqueById(records).values()].map((m) => `${m.id}\t${fingerprintOf(m)}`);
  lines.sort();
  return sha256Hex([FINGERPRINT_SCHEME, provider.normalize("NFC"), ...lines].join("\n"));
}

/** Hash of the set of model ids alone, for locks that pin "which models exist". */
export function modelIdsHash(records: readonly ModelRecord[]): string {
  const ids = [...uniqueById(records).keys()].sort();
  return sha256Hex(ids.join("\n"));
}
