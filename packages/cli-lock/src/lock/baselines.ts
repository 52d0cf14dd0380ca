// Which canonical baselines a lock may pin. A baseline is fresh when it was observed in the
// epoch being locked; an older one is accepted only within --max-age, and the lock then says it
// is stale. Never response hashes, never a value the detector has not confirmed. Pure.
import { type BenchmarkStore, epochTime } from "@observatory/core";

export interface PairRef {
  model: string;
  probe: string;
  observed_in: string | null;
}

export interface BaselinePick {
  /** "provider/model" -> probe -> canonical value, for the pairs the lock may pin. */
  baselines: Record<string, Record<string, string>>;
  /** Pairs observed before the locked epoch but within --max-age (the lock is stale). */
  stale: PairRef[];
  /** Pairs observed before the locked epoch and outside --max-age (the lock must refuse). */
  tooOld: PairRef[];
  /** Models in scope without any confirmed baseline. */
  unbenchmarked: string[];
  /** Pairs whose last poll disagreed with the baseline (unconfirmed); the baseline is locked. */
  pending: PairRef[];
  /** Newest and oldest epoch in which a pinned baseline was observed. */
  newest: string | null;
  oldest: string | null;
}

export function pickBaselines(
  store: BenchmarkStore | null,
  models: readonly string[],
  epochId: string,
  maxAgeMs: number | null,
  now: Date,
): BaselinePick {
  const pick: BaselinePick = {
    baselines: {},
    stale: [],
    tooOld: [],
    unbenchmarked: [],
    pending: [],
    newest: null,
    oldest: null,
  };
  for (const model of [...models].sort()) {
    const probes = store?.models[model] ?? {};
    let any = false;
    for (const probe of Object.keys(probes).sort()) {
      const entry = probes[probe]!;
      if (entry.state.status !== "ACTIVE" || entry.state.baseline === null) continue;
      any = true;
      const ref: PairRef = { model, probe, observed_in: entry.observed_in };
      if (entry.observed_in !== epochId) {
        const age =
          entry.observed_in === null
            ? null
            : now.getTime() - epochTime(entry.observed_in).getTime();
        if (age === null || maxAgeMs === null || age > maxAgeMs) {
          pick.tooOld.push(ref);
          continue;
        }
        pick.stale.push(ref);
      }
      if (entry.last_verdict === "CANDIDATE") pick.pending.push(ref);
      const seen = entry.observed_in;
      if (seen !== null) {
        if (pick.newest === null || seen > pick.newest) pick.newest = seen;
        if (pick.oldest === null || seen < pick.oldest) pick.oldest = seen;
      }
      pick.baselines[model] = { ...pick.baselines[model], [probe]: entry.state.baseline };
    }
    if (!any) pick.unbenchmarked.push(model);
  }
  return pick;
}

export function coverageOf(baselines: Record<string, Record<string, string>>) {
  const probes = new Set<string>();
  let pairs = 0;
  for (const byProbe of Object.values(baselines)) {
    for (const p of Object.keys(byProbe)) probes.add(p);
    pairs += Object.keys(byProbe).length;
  }
  return { models: Object.keys(baselines).length, probes: probes.size, pairs };
}
