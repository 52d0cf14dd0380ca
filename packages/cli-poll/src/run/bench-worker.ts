// One provider's benchmark calls. For each (model, probe): one call, canonicalized; only when it
// mismatches the stored baseline (read-only here) up to R - 1 confirmation calls. Failures are
// samples with a reason, never mismatches. Returns observations; the writer applies them.
import {
  type BenchmarkStore,
  canonicalize,
  confirmationsNeeded,
  type DetectorParams,
  type DetectorState,
  initialDetectorState,
  type Probe,
  registryKey,
  type Sample,
  type ServingIdentity,
  sha256Hex,
  tieBreakersNeeded,
} from "@observatory/core";
import type { Provider, ProviderError } from "@observatory/providers";

export interface BenchCall {
  outcome: "ok" | "error" | "rate_limited";
  latency_ms: number | null;
  identity?: ServingIdentity;
  error?: ProviderError;
}

export interface ProbeObservation {
  provider: string;
  model_id: string;
  probe: Probe;
  samples: Sample[];
  calls: BenchCall[];
}

export interface BenchWorkerInput {
  provider: Provider;
  models: readonly string[];
  probes: readonly Probe[];
  store: BenchmarkStore | null;
  params: DetectorParams;
  /** One (model, probe) observed, its confirmation calls included: progress counts these. */
  onObserved?: () => void;
}

export async function benchProvider(input: BenchWorkerInput): Promise<ProbeObservation[]> {
  const jobs = input.models.flatMap((model) =>
    input.probes.map(async (probe) => {
      const o = await observeProbe(input, model, probe);
      if (o !== null) input.onObserved?.();
      return o;
    }),
  );
  const results = await Promise.all(jobs);
  return results.filter((r): r is ProbeObservation => r !== null);
}

async function observeProbe(
  input: BenchWorkerInput,
  modelId: string,
  probe: Probe,
): Promise<ProbeObservation | null> {
  const state: DetectorState =
    input.store?.models[registryKey(input.provider.name, modelId)]?.[probe.id]?.state ??
    initialDetectorState();
  const call = async (): Promise<{ sample: Sample; call: BenchCall } | null> => {
    const r = await input.provider.complete(modelId, probe.prompt);
    // Not sent: the run was interrupted before this call's turn.
    if (!r.ok && r.error.kind === "cancelled") return null;
    if (!r.ok) {
      const outcome = r.error.kind === "rate_limited" ? "rate_limited" : "error";
      return {
        sample: { ok: false, reason: r.error.kind },
        call: { outcome, latency_ms: null, error: r.error },
      };
    }
    const c = canonicalize(probe, r.value.text);
    const surface = sha256Hex(r.value.text).slice(0, 16);
    const sample: Sample = c.ok
      ? { ok: true, value: c.value, surface }
      : { ok: false, reason: c.reason };
    return {
      sample,
      call: { outcome: "ok", latency_ms: r.value.latencyMs, identity: r.value.identity },
    };
  };
  const first = await call();
  // Interrupted before the first call: this probe was not observed at all in this run.
  if (first === null) return null;
  const extra = confirmationsNeeded(state, first.sample, input.params);
  const confirm = await Promise.all(Array.from({ length: extra }, call));
  const all = [first, ...confirm.filter((m): m is NonNullable<typeof m> => m !== null)];
  // Confirmations that left a tie without the baseline get tie-breakers, so the poll still counts.
  const ties = tieBreakersNeeded(
    state,
    all.map((a) => a.sample),
    input.params,
  );
  const breakers = await Promise.all(Array.from({ length: ties }, call));
  all.push(...breakers.filter((m): m is NonNullable<typeof m> => m !== null));
  return {
    provider: input.provider.name,
    model_id: modelId,
    probe,
    samples: all.map((a) => a.sample),
    calls: all.map((a) => a.call),
  };
}
