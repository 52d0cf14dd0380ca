// The field-level changes of one commit, from the snapshots it replaces and the ones it writes.
// Values are the canonical ones fingerprints use, so a re-spelled price is never a change.
import { diffCanonical } from "../drift/diff.js";
import { type CanonicalModel, uniqueById } from "../drift/fingerprint.js";
import type { Snapshot } from "../state/schemas.js";
import type { HistoryChange } from "./schema.js";

export const LISTED = "listed";
export const LISTED_YES = "yes";

const EMPTY: CanonicalModel = { id: "" };

/** Every change that makes `after` out of `before` (null: no snapshot), as history tuples. */
export function snapshotChanges(
  provider: string,
  before: Snapshot | null,
  after: Snapshot | null,
): HistoryChange[] {
  const a = before === null ? new Map<string, CanonicalModel>() : uniqueById(before.models);
  const b = after === null ? new Map<string, CanonicalModel>() : uniqueById(after.models);
  const out: HistoryChange[] = [];
  for (const [id, model] of b) {
    const key = `${provider}/${id}`;
    const was = a.get(id);
    if (was === undefined) {
      out.push([key, LISTED, null, LISTED_YES]);
      for (const f of diffCanonical({ ...EMPTY, id: model.id }, model))
        out.push([key, f.path, f.before, f.after]);
    } else {
      for (const f of diffCanonical(was, model)) out.push([key, f.path, f.before, f.after]);
    }
  }
  for (const id of a.keys())
    if (!b.has(id)) out.push([`${provider}/${id}`, LISTED, LISTED_YES, null]);
  return out;
}

/** History tuples sorted by model, then "listed" first, then field and values. */
export function sortChanges(changes: HistoryChange[]): HistoryChange[] {
  const rank = (c: HistoryChange) =>
    `${c[0]}\u0000${c[1] === LISTED ? "" : c[1]}\u0000${c[2] ?? c[3] ?? ""}`;
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
