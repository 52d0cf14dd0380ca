// The model history before epoch 0: the listings a v1 log recorded. v1 logged MODEL_ADDED and
// MODEL_REMOVED with a time but METADATA_CHANGED with fingerprints only, so the seed holds when
// models appeared and left; field values begin at epoch 0's baseline.
import { epochTime, type HistoryChange, type HistoryEntry, nextEpochId } from "@observatory/core";
import type { V1Listing } from "../v1/read-tree.js";

/** v1 stamped each event when it was made, so one poll's events spread over its run: lines
 * less than this apart are taken as one poll. */
const SAME_POLL_MS = 60_000;

/**
 * One history entry per v1 poll, oldest first, with an epoch id of the poll's first line's time;
 * only lines before `epoch0` (a clock that ran ahead cannot reorder history). Within one poll the
 * last line for a model wins.
 */
export function listingSeed(listings: readonly V1Listing[], epoch0: string): HistoryEntry[] {
  const limit = epochTime(epoch0).getTime();
  const sorted = listings.filter((l) => l.at < limit).sort((a, b) => a.at - b.at);
  const polls: { at: number; listed: Map<string, boolean> }[] = [];
  let lastAt = Number.NEGATIVE_INFINITY;
  for (const l of sorted) {
    if (l.at - lastAt >= SAME_POLL_MS || polls.length === 0)
      polls.push({ at: l.at, listed: new Map() });
    polls[polls.length - 1]!.listed.set(`${l.provider}/${l.model}`, l.listed);
    lastAt = l.at;
  }
  const out: HistoryEntry[] = [];
  let prev: string | null = null;
  for (const poll of polls) {
    const e = nextEpochId(new Date(poll.at), prev);
    if (e >= epoch0) break;
    prev = e;
    const c: HistoryChange[] = [...poll.listed]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([model, listed]) => [model, "listed", !listed, listed]);
    out.push({ e, c });
  }
  return out;
}
