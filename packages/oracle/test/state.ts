// Small state directories for tests, written through core's real writer: each commitEpoch() is
// one epoch whose registry is core's updateRegistry over the previous one, as obs-poll does it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type BenchEntry,
  type BenchmarkStore,
  BUILTIN_PROBES,
  type CallRecord,
  DEFAULT_DETECTOR_PARAMS,
  initialDetectorState,
  type ModelRecord,
  openStateWriter,
  type Registry,
  type Snapshot,
  updateRegistry,
} from "@observatory/core";
import { afterEach } from "vitest";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

export async function tempStateDir(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "obs-oracle-"));
  dirs.push(root);
  return join(root, "state");
}

export interface BenchSpec {
  key: string;
  probe: string;
  verdict: NonNullable<BenchEntry["last_verdict"]>;
  /** baseline_since; defaults to the epoch being committed. */
  since?: string;
  streak?: number;
}

export interface EpochSpec {
  /** Provider -> its listing, or an error string for a failed poll. */
  providers: Record<string, ModelRecord[] | string>;
  calls?: CallRecord[];
  bench?: BenchSpec[];
  at?: Date;
  /** Commit without a registry object (as a state fresh from v1 migration has). */
  noRegistry?: boolean;
  /** The writer's retainEpochs: older epochs are pruned after this commit. */
  retain?: number;
}

export async function commitEpoch(dir: string, spec: EpochSpec): Promise<string> {
  const opened = await openStateWriter(dir, {
    tool: "oracle-test",
    version: "0",
    ...(spec.at ? { now: () => spec.at! } : {}),
    ...(spec.retain ? { retainEpochs: spec.retain } : {}),
  });
  if (!opened.ok) throw new Error(opened.message);
  const w = opened.writer;
  try {
    const epochId = await w.reserveEpochId();
    const drafts: Record<
      string,
      { snapshot: Snapshot } | { error: { code: string; message: string } }
    > = {};
    const snapshots: Record<string, Snapshot | null> = {};
    for (const [name, listing] of Object.entries(spec.providers)) {
      if (typeof listing === "string") {
        drafts[name] = { error: { code: "server", message: listing } };
        snapshots[name] = (w.current?.snapshots[name] as Snapshot | undefined) ?? null;
        continue;
      }
      const snapshot: Snapshot = {
        schema: "observatory.snapshot/1",
        provider: name,
        fingerprint_scheme: "semantic-v1",
        models: listing,
      };
      drafts[name] = { snapshot };
      snapshots[name] = snapshot;
    }
    const fresh = new Set(Object.keys(drafts).filter((p) => typeof spec.providers[p] !== "string"));
    const registry = spec.noRegistry
      ? undefined
      : updateRegistry((w.current?.registry as Registry | null) ?? null, {
          epochId,
          snapshots,
          freshProviders: fresh,
          calls: spec.calls ?? [],
        });
    const prevBench = w.current?.benchmarks as BenchmarkStore | null | undefined;
    let benchmarks: BenchmarkStore | undefined;
    if (spec.bench) {
      benchmarks = prevBench ?? {
        schema: "observatory.benchmarks/1",
        params: DEFAULT_DETECTOR_PARAMS,
        models: {},
      };
      benchmarks = { ...benchmarks, models: { ...benchmarks.models } };
      for (const b of spec.bench) {
        benchmarks.models[b.key] = {
          ...benchmarks.models[b.key],
          [b.probe]: {
            state: { ...initialDetectorState(), streak: b.streak ?? 0 },
            observed_in: epochId,
            last_verdict: b.verdict,
            baseline_since: b.since ?? epochId,
            // As obs-poll records it: a DRIFT verdict stamps the drift, later polls keep it.
            drift:
              b.verdict === "DRIFT"
                ? {
                    epoch_id: b.since ?? epochId,
                    severity: BUILTIN_PROBES.find((p) => p.id === b.probe)?.severity ?? "CRITICAL",
                  }
                : (benchmarks.models[b.key]?.[b.probe]?.drift ?? null),
          },
        };
      }
    }
    const r = await w.commit({
      fingerprintScheme: "semantic-v1",
      providers: drafts,
      ...(registry ? { registry } : {}),
      ...(benchmarks ? { benchmarks } : {}),
      events: [],
    });
    return r.epochId;
  } finally {
    await w.close();
  }
}

/** A model record with a context window and a prompt price (USD per token). */
export function model(id: string, extra: Partial<ModelRecord> = {}): ModelRecord {
  return { id, context_length: 128_000, pricing: { prompt: "0.000001" }, ...extra };
}

/** n successful calls with the given latency, for a model's registry window. */
export function calls(
  provider: string,
  modelId: string,
  n: number,
  latency = 500,
  failures = 0,
): CallRecord[] {
  return [
    ...Array.from({ length: n }, () => ({
      provider,
      model_id: modelId,
      outcome: "ok" as const,
      latency_ms: latency,
    })),
    ...Array.from({ length: failures }, () => ({
      provider,
      model_id: modelId,
      outcome: "error" as const,
      latency_ms: null,
    })),
  ];
}
