// The hand checks of the history's stored forms: a head holds up to a baseline of every model and
// a year of segments holds hundreds of thousands of changes, which zod takes several times longer
// to check than to read. Property tests hold each to its zod schema.
import type { HistoryEntry, HistoryHead } from "./schema.js";

const SHA256 = /^[0-9a-f]{64}$/;

/** HistoryHeadSchema, by hand: a head holds up to a baseline of every model, which zod takes
 * several times longer to check than to read (a property test holds the two together). */
export function isHead(v: unknown): v is HistoryHead {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const { schema, segments, entries, ...rest } = v as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || schema !== "observatory.history/1") return false;
  if (!Array.isArray(segments) || !Array.isArray(entries)) return false;
  for (const ref of segments) {
    if (ref === null || typeof ref !== "object" || Array.isArray(ref)) return false;
    const { hash, first, last, entries: n, ...more } = ref as Record<string, unknown>;
    if (Object.keys(more).length > 0) return false;
    if (typeof hash !== "string" || !SHA256.test(hash)) return false;
    if (typeof first !== "string" || !EPOCH.test(first)) return false;
    if (typeof last !== "string" || !EPOCH.test(last)) return false;
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n <= 0) return false;
  }
  return entries.every(isEntry);
}

const EPOCH = /^\d{8}T\d{6}\.\d{3}Z-\d{4}$/;
const isValue = (v: unknown) =>
  v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** HistoryEntrySchema, by hand (a property test holds the two to each other). */
export function isEntry(v: unknown): v is HistoryEntry {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const { e, b, c, ...rest } = v as { e?: unknown; b?: unknown; c?: unknown };
  if (Object.keys(rest).length > 0) return false;
  if (typeof e !== "string" || !EPOCH.test(e)) return false;
  if (b !== undefined && b !== true) return false;
  if (c === undefined) return true;
  if (!Array.isArray(c)) return false;
  for (const t of c) {
    if (!Array.isArray(t) || t.length !== 4) return false;
    if (typeof t[0] !== "string" || t[0] === "" || typeof t[1] !== "string" || t[1] === "")
      return false;
    if (!isValue(t[2]) || !isValue(t[3])) return false;
  }
  return true;
}
