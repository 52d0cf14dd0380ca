// The two sides of a diff from one replay: core's worldAt replays the history from its start for
// each point, and on a 10,000-model history the baseline alone is 80,000 changes. Only the models
// an entry between the two points names can differ, so those are found first and the replay up
// to the earlier point keeps only them (a set lookup per change instead of building 10,000
// models: most of obs-diff's own time before); the world is then carried to the later point
// keeping each one's state before. A restarted history between the points (a baseline entry)
// replaces the whole world, so then every model is replayed.
import { applyEntry, type HistoryEntry, type WorldState } from "@observatory/core";

function copy(world: WorldState): WorldState {
  const out: WorldState = new Map();
  for (const [model, fields] of world) out.set(model, new Map(fields));
  return out;
}

/**
 * [the world as of `from`, the world as of `to`], each holding only the models that may differ
 * between the two (core's diffWorlds of these is its diff of worldAt(entries, from) and (.., to)).
 */
export function changedWorlds(
  entries: readonly HistoryEntry[],
  from: string,
  to: string,
): [WorldState, WorldState] {
  if (from > to) {
    const [later, earlier] = changedWorlds(entries, to, from);
    return [earlier, later];
  }
  let start = 0;
  while (start < entries.length && entries[start]!.e <= from) start++;
  let end = start;
  while (end < entries.length && entries[end]!.e <= to) end++;
  // null: a baseline in between, every model may differ.
  let named: Set<string> | null = new Set();
  for (let k = start; k < end; k++) {
    const entry = entries[k]!;
    if (entry.b) {
      named = null;
      break;
    }
    for (const [model] of entry.c ?? []) named.add(model);
  }
  const world: WorldState = new Map();
  for (let k = 0; k < start; k++) applyEntry(world, entries[k]!, named ?? undefined);
  const before: WorldState = new Map();
  const touched = new Set<string>();
  for (let i = start; i < end; i++) {
    const entry = entries[i]!;
    if (entry.b) {
      // A restarted history replaces the whole world: every model may differ. The world as of
      // `from` is this one with the models named since put back as they were.
      const earlier = copy(world);
      for (const model of touched) {
        const was = before.get(model);
        if (was === undefined) earlier.delete(model);
        else earlier.set(model, was);
      }
      for (; i < end; i++) applyEntry(world, entries[i]!);
      return [earlier, world];
    }
    for (const [model] of entry.c ?? []) {
      if (touched.has(model)) continue;
      touched.add(model);
      const fields = world.get(model);
      if (fields !== undefined) before.set(model, new Map(fields));
    }
    applyEntry(world, entry);
  }
  const after: WorldState = new Map();
  for (const model of touched) {
    const fields = world.get(model);
    if (fields !== undefined) after.set(model, fields);
  }
  return [before, after];
}
