// BENCHMARK_MISSING: a locked baseline whose provider was benchmarked in this run but that got
// no data is never silence for a locked experiment, and never noise either: a finding is
// reported once, and again only when it changes (its reason changed, or the pair got data in
// between and then went missing again). What was reported lives in the epoch's poll state, so
// the memory is committed with the events it suppresses. Pure.
import { type EventDraft, type LockCore, registryKey } from "@observatory/core";
import type { BenchApplied } from "./bench-apply.js";
import type { ReportedMissing } from "./poll-state.js";

export interface MissingResult {
  /** The findings that are new or changed since they were last reported. */
  events: EventDraft[];
  /** Per benchmarked provider, every finding standing now: the next run's memory. */
  standing: Record<string, ReportedMissing[]>;
}

const NOT_BENCHMARKED = "not benchmarked in this run";
const NO_DATA = "every call failed or was unreadable";

export function missingForLocks(
  locks: readonly LockCore[],
  benchedProviders: ReadonlySet<string>,
  applied: BenchApplied,
  probeTiers: ReadonlyMap<string, number>,
  reported: Readonly<Record<string, readonly ReportedMissing[] | undefined>>,
): MissingResult {
  const got = new Set<string>();
  const observed = new Set<string>();
  for (const v of applied.verdicts) {
    const id = `${registryKey(v.provider, v.model_id)}#${v.probe}`;
    observed.add(id);
    if (v.verdict.verdict !== "NO_DATA") got.add(id);
  }
  const standing: Record<string, ReportedMissing[]> = {};
  for (const p of benchedProviders) standing[p] = [];
  const events: EventDraft[] = [];
  for (const lock of locks) {
    for (const [key, probes] of Object.entries(lock.baselines)) {
      const slash = key.indexOf("/");
      const provider = key.slice(0, slash);
      if (slash < 0 || !benchedProviders.has(provider)) continue;
      const model_id = key.slice(slash + 1);
      for (const probe of Object.keys(probes)) {
        const id = `${key}#${probe}`;
        if (got.has(id)) continue;
        const reason = observed.has(id) ? NO_DATA : NOT_BENCHMARKED;
        const finding: ReportedMissing = { lock: lock.name, model_id, probe, reason };
        standing[provider]!.push(finding);
        if (reported[provider]?.some((r) => same(r, finding))) continue;
        events.push({
          type: "BENCHMARK_MISSING",
          severity: "WARN",
          provider,
          model_id,
          probe,
          tier: probeTiers.get(probe) ?? 0,
          lock: lock.name,
          reason,
        });
      }
    }
  }
  for (const list of Object.values(standing)) list.sort(order);
  return { events, standing };
}

function same(a: ReportedMissing, b: ReportedMissing): boolean {
  return (
    a.lock === b.lock && a.model_id === b.model_id && a.probe === b.probe && a.reason === b.reason
  );
}

function order(a: ReportedMissing, b: ReportedMissing): number {
  const ka = `${a.lock}\u0000${a.model_id}\u0000${a.probe}`;
  const kb = `${b.lock}\u0000${b.model_id}\u0000${b.probe}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
