// The writer's half of benchmarking: run the detector over each observation, produce the next
// benchmark store and the events (RESULT, VARIANT, FAILURE, DRIFT). Pure. (MISSING: missing.ts.)
import {
  type BenchEntry,
  type BenchmarkStore,
  DEFAULT_DETECTOR_PARAMS,
  type DetectorParams,
  type EventDraft,
  initialDetectorState,
  observe,
  registryKey,
  type Verdict,
} from "@observatory/core";
import type { ProbeObservation } from "./bench-worker.js";

export interface BenchApplied {
  store: BenchmarkStore;
  events: EventDraft[];
  verdicts: Array<{ provider: string; model_id: string; probe: string; verdict: Verdict }>;
}

export function emptyStore(params: DetectorParams = DEFAULT_DETECTOR_PARAMS): BenchmarkStore {
  return { schema: "observatory.benchmarks/1", params, models: {} };
}

export function applyObservations(
  prev: BenchmarkStore | null,
  observations: readonly ProbeObservation[],
  epochId: string,
): BenchApplied {
  const store = prev ?? emptyStore();
  const models: BenchmarkStore["models"] = { ...store.models };
  const events: EventDraft[] = [];
  const verdicts: BenchApplied["verdicts"] = [];
  for (const o of observations) {
    const key = registryKey(o.provider, o.model_id);
    const before: BenchEntry | undefined = models[key]?.[o.probe.id];
    const { state, verdict } = observe(
      before?.state ?? initialDetectorState(),
      o.samples,
      store.params,
    );
    const data = verdict.verdict !== "NO_DATA";
    const moved = verdict.verdict === "BASELINE" || verdict.verdict === "DRIFT";
    const entry: BenchEntry = {
      state,
      observed_in: data ? epochId : (before?.observed_in ?? null),
      last_verdict: verdict.verdict,
      baseline_since: moved ? epochId : (before?.baseline_since ?? null),
      drift:
        verdict.verdict === "DRIFT"
          ? { epoch_id: epochId, severity: o.probe.severity }
          : (before?.drift ?? null),
    };
    models[key] = { ...models[key], [o.probe.id]: entry };
    verdicts.push({ provider: o.provider, model_id: o.model_id, probe: o.probe.id, verdict });
    events.push(...eventsFor(o, verdict));
  }
  return { store: { ...store, models: sortKeys(models) }, events, verdicts };
}

function eventsFor(o: ProbeObservation, v: Verdict): EventDraft[] {
  const ref = { provider: o.provider, model_id: o.model_id, probe: o.probe.id, tier: o.probe.tier };
  const value =
    v.verdict === "MATCH" || v.verdict === "BASELINE"
      ? v.value
      : v.verdict === "DRIFT"
        ? v.evidence.to
        : v.verdict === "VARIANT"
          ? v.baseline
          : v.verdict === "CANDIDATE"
            ? (v.candidates[0] ?? null)
            : null;
  const out: EventDraft[] = [
    {
      type: "BENCHMARK_RESULT",
      severity: "INFO",
      ...ref,
      verdict: v.verdict,
      value,
      calls: o.calls.length,
    },
  ];
  for (const c of o.calls) {
    if (c.error) {
      out.push({
        type: "BENCHMARK_FAILURE",
        severity: "INFO",
        ...ref,
        error: {
          kind: c.error.kind,
          message: c.error.message,
          ...(c.error.status === undefined ? {} : { status: c.error.status }),
        },
      });
    }
  }
  for (const s of o.samples) {
    if (!s.ok && !o.calls.some((c) => c.error)) {
      // The call worked but its answer could not be read: still no data, still worth a record.
      out.push({
        type: "BENCHMARK_FAILURE",
        severity: "INFO",
        ...ref,
        error: { kind: "unreadable_answer", message: s.reason },
      });
      break;
    }
  }
  if (v.verdict === "VARIANT") {
    out.push({
      type: "BENCHMARK_VARIANT",
      severity: "INFO",
      ...ref,
      baseline: v.baseline,
      samples: v.samples,
    });
  }
  if (v.verdict === "DRIFT") {
    const e = v.evidence;
    out.push({
      type: "BEHAVIOR_DRIFT",
      severity: o.probe.severity,
      ...ref,
      evidence: {
        old_value: e.from,
        new_value: e.to,
        rule: e.rule,
        samples: e.samples,
        streak: e.streak,
        window_frequency: e.windowFrequency,
        window_size: e.windowSize,
      },
    });
  }
  return out;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
