// Which canaries a poll sends: owed ones first (still listed), then this poll's new and changed
// models, at most `max`; the rest are owed to later polls. A provider that adds 300 models at
// once costs 20 paid calls a poll, not 300. Pure.

export interface CanaryTarget {
  id: string;
  reason: "new" | "changed";
}

export function planCanaries(
  owed: ReadonlyArray<{ model_id: string; reason: "new" | "changed" }>,
  fresh: readonly CanaryTarget[],
  listed: ReadonlySet<string>,
  max: number,
): { now: CanaryTarget[]; later: CanaryTarget[] } {
  const seen = new Set<string>();
  const all: CanaryTarget[] = [];
  const add = (t: CanaryTarget) => {
    // A model that is gone is no longer owed a canary.
    if (seen.has(t.id) || !listed.has(t.id)) return;
    seen.add(t.id);
    all.push(t);
  };
  for (const o of owed) add({ id: o.model_id, reason: o.reason });
  for (const t of fresh) add(t);
  const n = Math.max(0, Math.floor(max));
  return { now: all.slice(0, n), later: all.slice(n) };
}
