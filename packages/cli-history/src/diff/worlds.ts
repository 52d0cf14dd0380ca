// The two sides of a diff from one replay: core's worldAt replays the history from its start for
// each point, and on a 10,000-model history the baseline alone is 80,000 changes. Replayed once,
// up to the earlier point, the world is then carried to the later one keeping, for each model an
// entry in between names, its state before; only those models can differ between the points, so
// only they are compared (a copy and a comparison of every model cost more than the replay).
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
  const world: WorldState = new Map();
  let i = 0;
  for (; i < entries.length && entries[i]!.e <= from; i++) applyEntry(world, entries[i]!);
  const before: WorldState = new Map();
  const touched = new Set<string>();
  for (; i < entries.length && entries[i]!.e <= to; i++) {
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
      for (; i < entries.length && entries[i]!.e <= to; i++) applyEntry(world, entries[i]!);
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
