// Finding the entries of a sealed segment that name a few models, without parsing the rest. A
// segment is canonical JSON (sorted keys, no whitespace) whose hash the reader has checked, and an
// entry holds no object, only arrays of scalars. A `"` inside a JSON string is always escaped, so
// in a segment's text a change of model M begins `["M",`, `"c":[` is an entry's changes key and
// `],"e":"` the end of its changes, and nothing else looks like them. An entry found this way is
// parsed and checked whole; the rest of the text is only hashed.
import { isEntry } from "./check.js";
import type { HistoryEntry } from "./schema.js";

const OPEN = '{"entries":[';
const CLOSE = '],"schema":"observatory.history-segment/1"}';
const CHANGES = '"c":[';
const CHANGES_END = '],"e":"';
const BASELINE = '{"b":true,';
/** Epoch ids have one length: 20261121T052029.123Z-0000. */
const EPOCH_LENGTH = 25;

/** Only the changes of `models` (the entry without `c` when it has none of them). */
export function keepModels(entry: HistoryEntry, models: ReadonlySet<string>): HistoryEntry {
  const c = entry.c?.filter((t) => models.has(t[0])) ?? [];
  const kept: HistoryEntry = entry.b ? { e: entry.e, b: true } : { e: entry.e };
  if (c.length > 0) kept.c = c;
  return kept;
}

/** The entries that change one of `models`, with only their changes. */
export function namingModels(
  entries: readonly HistoryEntry[],
  models: ReadonlySet<string>,
): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const e of entries) if (e.c?.some((t) => models.has(t[0]))) out.push(keepModels(e, models));
  return out;
}

/**
 * What `namingModels` gives for a segment's entries, from its text; null when the text is not
 * laid out as the writer lays out a segment, or an entry found is not an entry (the caller then
 * parses it whole and reports what is wrong).
 */
export function scanSegment(text: string, models: ReadonlySet<string>): HistoryEntry[] | null {
  if (!text.startsWith(OPEN) || !text.endsWith(CLOSE) || text[OPEN.length] !== "{") return null;
  const hits: number[] = [];
  for (const m of models) {
    const needle = `[${JSON.stringify(m)},`;
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length))
      hits.push(i);
  }
  hits.sort((a, b) => a - b);
  const out: HistoryEntry[] = [];
  let done = 0;
  for (const hit of hits) {
    if (hit < done) continue; // in the entry just read
    // The entry runs from its `{` (before `"c":[`, or before `"b":true,"c":[`) to the `"}` after
    // its epoch id, `e` being its last key.
    const key = text.lastIndexOf(CHANGES, hit);
    const close = text.indexOf(CHANGES_END, hit);
    if (key < 0 || close < 0) return null;
    const start = text[key - 1] === "{" ? key - 1 : key - BASELINE.length;
    const end = close + CHANGES_END.length + EPOCH_LENGTH + 2;
    if (start < OPEN.length || (start !== key - 1 && !text.startsWith(BASELINE, start)))
      return null;
    if (text[end - 2] !== '"' || text[end - 1] !== "}") return null;
    let entry: unknown;
    try {
      entry = JSON.parse(text.slice(start, end));
    } catch {
      return null;
    }
    if (!isEntry(entry)) return null;
    // `["M",` can turn up inside a string when M begins with `,` `]` `}` or `:`: no change of M.
    const kept = keepModels(entry, models);
    if (kept.c !== undefined) out.push(kept);
    done = end;
  }
  return out;
}
