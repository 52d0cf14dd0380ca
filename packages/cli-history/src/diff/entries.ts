// obs-diff's answer as data: core's world diff narrowed by --provider and --field, then one entry
// per model (added, removed or changed) with its field changes. Pure; the records and the table
// are both made from it.
import { type ModelValue, relativeChange, type WorldDiff } from "@observatory/core";

export interface FieldChange {
  field: string;
  old: ModelValue | null;
  new: ModelValue | null;
}

export interface DiffEntry {
  model: string;
  change: "added" | "removed" | "changed";
  /** Sorted by field: from null when added, to null when removed. */
  changes: FieldChange[];
}

export interface DiffFilter {
  /** Comma-separated provider names. */
  provider?: string | undefined;
  /** A field and the fields under it ("pricing"), or a prefix ending in ".". */
  field?: string | undefined;
}

function fieldMatches(field: string, want: string | undefined): boolean {
  if (want === undefined) return true;
  return want.endsWith(".")
    ? field.startsWith(want)
    : field === want || field.startsWith(`${want}.`);
}

/** --provider filters every model; --field filters the changed fields and the fields added and
 * removed models list (a new model stays an entry: a new model's price is price news). */
export function diffEntries(d: WorldDiff, f: DiffFilter = {}): DiffEntry[] {
  const providers =
    f.provider === undefined
      ? null
      : new Set(
          f.provider
            .split(",")
            .map((p) => p.trim())
            .filter((p) => p !== ""),
        );
  const keep = (model: string) =>
    providers === null || providers.has(model.slice(0, model.indexOf("/")));
  const out: DiffEntry[] = [];
  const whole = (
    models: WorldDiff["added"],
    change: "added" | "removed",
    side: (v: ModelValue) => FieldChange,
  ) => {
    for (const m of models) {
      if (!keep(m.model)) continue;
      const changes: FieldChange[] = [];
      for (const [field, v] of Object.entries(m.fields))
        if (fieldMatches(field, f.field)) changes.push({ ...side(v), field });
      out.push({ model: m.model, change, changes });
    }
  };
  whole(d.added, "added", (v) => ({ field: "", old: null, new: v }));
  whole(d.removed, "removed", (v) => ({ field: "", old: v, new: null }));
  // diffWorlds lists changed fields sorted by model then field: group the runs.
  let last: DiffEntry | null = null;
  for (const c of d.changed) {
    if (!keep(c.model) || !fieldMatches(c.field, f.field)) continue;
    if (last === null || last.model !== c.model) {
      last = { model: c.model, change: "changed", changes: [] };
      out.push(last);
    }
    last.changes.push({ field: c.field, old: c.before, new: c.after });
  }
  return out.sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
}

/** (new - old) / old for numbers on both sides (decimal strings included); null otherwise. */
export function relative(c: FieldChange): number | null {
  return relativeChange(c.old, c.new);
}

/** How many entries of each kind. */
export function counts(entries: readonly DiffEntry[]): Record<DiffEntry["change"], number> {
  const n = { added: 0, removed: 0, changed: 0 };
  for (const e of entries) n[e.change]++;
  return n;
}
