// Epoch ids: UTC time to the millisecond plus a 4-digit sequence, e.g. 20261121T052029.123Z-0000.
// Lexicographic order is chronological order; two commits in the same millisecond (or a clock
// that stepped backwards) get the next sequence number after the newest id already on disk.

export const EPOCH_ID_PATTERN = /^(\d{8}T\d{6}\.\d{3}Z)-(\d{4})$/;
const EPOCH_ID = EPOCH_ID_PATTERN;

export function isEpochId(s: string): boolean {
  return EPOCH_ID.test(s);
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "");
}

/** The next epoch id: from the clock, but always strictly greater than `newestExisting`. */
export function nextEpochId(now: Date, newestExisting: string | null): string {
  const fromClock = `${stamp(now)}-0000`;
  if (newestExisting === null || fromClock > newestExisting) return fromClock;
  const m = EPOCH_ID.exec(newestExisting);
  if (!m) throw new Error(`not an epoch id: ${newestExisting}`);
  const seq = Number(m[2]) + 1;
  if (seq > 9999) {
    // Ten thousand commits in one millisecond cannot happen under the instance lock; move on
    // by a millisecond rather than break the sort order.
    return `${stamp(new Date(Date.parse(isoFromStamp(m[1]!)) + 1))}-0000`;
  }
  return `${m[1]}-${String(seq).padStart(4, "0")}`;
}

function isoFromStamp(s: string): string {
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13)}`;
}

/** The creation time encoded in an epoch id. */
export function epochTime(id: string): Date {
  const m = EPOCH_ID.exec(id);
  if (!m) throw new Error(`not an epoch id: ${id}`);
  return new Date(isoFromStamp(m[1]!));
}
