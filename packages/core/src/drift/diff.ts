// Field-level diff of two models' semantic forms, for METADATA_CHANGED. Values are the
// normalised ones, so a re-spelled price ("3e-6" -> "0.000003") is never reported as a change.
import type { ModelRecord } from "../model.js";
import { type CanonicalModel, canonicalModel } from "./fingerprint.js";

/**
 * One changed field. `path` is "name", "pricing.prompt", ...; null means "not reported".
 * For the set-like "capabilities" each added or removed flag is its own change with the other
 * side null, so `{ path: "capabilities", before: null, after: "vision" }` reads "vision added".
 */
export interface FieldChange {
  path: string;
  before: string | null;
  after: string | null;
}

const SCALARS = [
  "name",
  "context_length",
  "max_output_tokens",
  "deprecation_date",
  "expiration_date",
  "digest",
] as const satisfies readonly (keyof CanonicalModel)[];

/** The paths whose values are set members rather than a single value. */
export const SET_PATHS: ReadonlySet<string> = new Set(["capabilities"]);

/** Changes from `before` to `after`, sorted by path; empty exactly when fingerprints agree. */
export function diffModels(before: ModelRecord, after: ModelRecord): FieldChange[] {
  return diffCanonical(canonicalModel(before), canonicalModel(after));
}

export function diffCanonical(a: CanonicalModel, b: CanonicalModel): FieldChange[] {
  const changes: FieldChange[] = [];
  const push = (path: string, before: string | undefined, after: string | undefined) => {
    if (before !== after) changes.push({ path, before: before ?? null, after: after ?? null });
  };
  push("id", a.id, b.id);
  for (const key of SCALARS) push(key, a[key], b[key]);
  const pa = a.pricing ?? {};
  const pb = b.pricing ?? {};
  for (const key of new Set([...Object.keys(pa), ...Object.keys(pb)])) {
    push(`pricing.${key}`, pa[key], pb[key]);
  }
  const ca = new Set(a.capabilities ?? []);
  const cb = new Set(b.capabilities ?? []);
  for (const cap of ca) if (!cb.has(cap)) push("capabilities", cap, undefined);
  for (const cap of cb) if (!ca.has(cap)) push("capabilities", undefined, cap);
  return changes.sort(byPathThenValues);
}

// Set members sort by the flag itself, so "+audio" comes before "-tools" whatever the direction.
function byPathThenValues(x: FieldChange, y: FieldChange): number {
  const kx = `${x.path}\u0000${x.before ?? x.after ?? ""}`;
  const ky = `${y.path}\u0000${y.before ?? y.after ?? ""}`;
  return kx < ky ? -1 : kx > ky ? 1 : 0;
}

/** "pricing.prompt: 0.000003 -> 0.000002", "capabilities: +vision", "name: (none) -> GPT-5". */
export function formatFieldChange(change: FieldChange): string {
  if (SET_PATHS.has(change.path)) {
    return change.after === null
      ? `${change.path}: -${change.before}`
      : `${change.path}: +${change.after}`;
  }
  return `${change.path}: ${change.before ?? "(none)"} -> ${change.after ?? "(none)"}`;
}
