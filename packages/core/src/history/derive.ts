// The field-level changes of one commit, from the snapshots it replaces and the ones it writes.
// Values are the canonical ones fingerprints use, so a re-spelled price is never a change.
import { diffCanonical, type FieldChange, SET_PATHS } from "../drift/diff.js";
import { type CanonicalModel, uniqueRecordsById } from "../drift/fingerprint.js";
import type { ModelRecord } from "../model.js";
import type { Snapshot } from "../state/schemas.js";
import type { HistoryChange, HistoryValue } from "./schema.js";

export const LISTED = "listed";
/** OpenRouter's top provider's context window (not part of the fingerprint). */
export const TOP_CONTEXT = "top_provider.context_length";

type Entry = { model: CanonicalModel; record: ModelRecord };
const NONE: Entry = { model: { id: "" }, record: { id: "" } };

/** The value a provider reported for a canonical path (the canonical one where it has none). */
function reported(record: ModelRecord, path: string, canonical: string): HistoryValue {
  switch (path) {
    case "name":
    case "deprecation_date":
    case "expiration_date":
    case "digest":
      return record[path] ?? canonical;
    case "context_length":
    case "max_output_tokens":
      return record[path] ?? record[`${path}_decimal`] ?? canonical;
  }
  if (path.startsWith("pricing.")) {
    const key = path.slice("pricing.".length);
    for (const [k, v] of Object.entries(record.pricing ?? {}))
      if (k.normalize("NFC").trim().replace(/\s+/g, " ") === key) return v;
  }
  return canonical;
}

function tuple(key: string, a: Entry, b: Entry, f: FieldChange): HistoryChange {
  if (SET_PATHS.has(f.path)) return [key, f.path, f.before, f.after];
  return [
    key,
    f.path,
    f.before === null ? null : reported(a.record, f.path, f.before),
    f.after === null ? null : reported(b.record, f.path, f.after),
  ];
}

/** Every change that makes `after` out of `before` (null: no snapshot), as history tuples. */
export function snapshotChanges(
  provider: string,
  before: Snapshot | null,
  after: Snapshot | null,
): HistoryChange[] {
  const a = before === null ? new Map<string, Entry>() : uniqueRecordsById(before.models);
  const b = after === null ? new Map<string, Entry>() : uniqueRecordsById(after.models);
  const out: HistoryChange[] = [];
  // A snapshot written before the top provider's window was recorded carries none: its absence
  // there is not knowledge, so the first snapshot that has it is no change for listed models.
  const knewTop = [...a.values()].some((e) => e.record.top_provider_context_length !== undefined);
  for (const [id, now] of b) {
    const key = `${provider}/${id}`;
    const was = a.get(id);
    const top = now.record.top_provider_context_length ?? null;
    if (was === undefined) {
      out.push([key, LISTED, false, true]);
      const empty = { ...NONE, model: { id: now.model.id } };
      for (const f of diffCanonical(empty.model, now.model)) out.push(tuple(key, empty, now, f));
      if (top !== null) out.push([key, TOP_CONTEXT, null, top]);
    } else {
      for (const f of diffCanonical(was.model, now.model)) out.push(tuple(key, was, now, f));
      const old = was.record.top_provider_context_length ?? null;
      if (top !== old && (knewTop || old !== null)) out.push([key, TOP_CONTEXT, old, top]);
    }
  }
  for (const id of a.keys()) if (!b.has(id)) out.push([`${provider}/${id}`, LISTED, true, false]);
  return out;
}

/** History tuples sorted by model, then "listed" first, then field and values. */
export function sortChanges(changes: HistoryChange[]): HistoryChange[] {
  const rank = (c: HistoryChange) =>
    `${c[0]}\u0000${c[1] === LISTED ? "" : c[1]}\u0000${String(c[2] ?? c[3] ?? "")}`;
  return changes
    .map((c) => [rank(c), c] as const)
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map(([, c]) => c);
}

/** The changes between two epochs' snapshot sets, per provider named in either. */
export function epochChanges(
  before: Readonly<Record<string, Snapshot | null>> | null,
  after: Readonly<Record<string, Snapshot | null>>,
): HistoryChange[] {
  const out: HistoryChange[] = [];
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const name of names) {
    const a = before?.[name] ?? null;
    const b = after[name] ?? null;
    if (a === b) continue; // the same object: carried forward, nothing changed
    // A provider whose poll failed with nothing to carry has no listing: that is not removal.
    if (b === null) continue;
    out.push(...snapshotChanges(name, a, b));
  }
  return sortChanges(out);
}

const IDENTITY_FIELDS = ["resolved_model", "model_version", "system_fingerprint", "digest"];

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Loose) : undefined;
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/**
 * Serving identity changes from one registry to the next: `serving.<field>` of the identity a
 * response last showed. A response that shows none is not a change (nothing was seen). Read
 * loosely: the registry was validated by whoever built it.
 */
export function identityChanges(before: unknown, after: unknown): HistoryChange[] {
  const a = obj(obj(before)?.["models"]) ?? {};
  const b = obj(obj(after)?.["models"]) ?? {};
  const out: HistoryChange[] = [];
  for (const [key, entry] of Object.entries(b)) {
    const now = obj(obj(entry)?.["identity"]);
    if (now === undefined) continue;
    const was = obj(obj(a[key])?.["identity"]);
    for (const f of IDENTITY_FIELDS) {
      const v = str(now[f]);
      const old = str(was?.[f]);
      if (v !== null && v !== old) out.push([key, `serving.${f}`, old, v]);
    }
  }
  return out;
}

/**
 * Confirmed behaviour drifts from one benchmark store to the next: `drift.<probe>` takes the
 * new drift's severity (before: the previous drift's, or null) whenever the probe records a
 * drift in a new epoch. Matches, variants and unconfirmed candidates are not recorded.
 */
export function driftChanges(before: unknown, after: unknown): HistoryChange[] {
  const a = obj(obj(before)?.["models"]) ?? {};
  const b = obj(obj(after)?.["models"]) ?? {};
  const out: HistoryChange[] = [];
  for (const [key, probes] of Object.entries(b)) {
    for (const [probe, entry] of Object.entries(obj(probes) ?? {})) {
      const now = obj(obj(entry)?.["drift"]);
      const epoch = str(now?.["epoch_id"]);
      const severity = str(now?.["severity"]);
      if (epoch === null || severity === null) continue;
      const was = obj(obj(obj(a[key])?.[probe])?.["drift"]);
      if (str(was?.["epoch_id"]) === epoch) continue;
      out.push([key, `drift.${probe}`, str(was?.["severity"]), severity]);
    }
  }
  return out;
}
