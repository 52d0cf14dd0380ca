// The world at two points from one replay: core's worldAt replays the history from its start for
// each point, and on a 10,000-model history the baseline alone is 80,000 changes; replaying it
// once and copying the world at the earlier point costs a fraction of a second replay.
import { applyEntry, type HistoryEntry, type WorldState } from "@observatory/core";

function copy(world: WorldState): WorldState {
  const out: WorldState = new Map();
  for (const [model, fields] of world) out.set(model, new Map(fields));
  return out;
}

/** [world as of `from`, world as of `to`], as core's worldAt(entries, from) and (.., to). */
export function worldsAt(
  entries: readonly HistoryEntry[],
  from: string,
  to: string,
): [WorldState, WorldState] {
  const world: WorldState = new Map();
  let before: WorldState | null = null;
  for (const entry of entries) {
    if (entry.e > to) break;
    if (before === null && entry.e > from) before = copy(world);
    applyEntry(world, entry);
  }
  // `from` after `to` (obs-diff 0 @-3): the earlier world is the later one's future.
  if (before === null) return [from > to ? worldsAt(entries, to, from)[1] : copy(world), world];
  return [before, world];
}
