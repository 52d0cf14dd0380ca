// Every model the epoch knows, listed or not, with what its registry entry says and, when the
// routing oracle reads this same epoch, the oracle's health verdict (`obs-oracle status`'s
// answer). Without the oracle the rows come from core's registry object and carry no verdict;
// recent drifts are then taken from the benchmark store with the oracle's default window.
import {
  type BenchmarkStore,
  DEFAULT_DRIFT_WINDOW_MS,
  epochTime,
  type LoadedEpoch,
  type Reason,
  RegistrySchema,
  type RoutingOracle,
  type Severity,
} from "@observatory/core";

export interface ModelDrift {
  probe: string;
  severity: Severity;
  epochId: string;
  /** Confirmed within the drift window before this epoch: it counts against the model. */
  recent: boolean;
}

export interface ModelRow {
  key: string;
  provider: string;
  listed: boolean;
  contextLength: number | null;
  costClass: string | null;
  reliability: number | null;
  calls: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  drift: ModelDrift[];
  /** The routing oracle's verdict; null when it could not be had for this epoch. */
  health: { healthy: boolean; reasons: Reason[]; warnings: Reason[] } | null;
}

/** Sorted by key. */
export function modelRows(
  epoch: LoadedEpoch,
  oracle: RoutingOracle | null,
  store: BenchmarkStore | null,
): ModelRow[] {
  const rows = oracle ? fromOracle(epoch, oracle) : fromRegistry(epoch, store);
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function fromOracle(epoch: LoadedEpoch, oracle: RoutingOracle): ModelRow[] {
  const models = (epoch.registry as { models?: unknown } | null)?.models;
  const keys =
    typeof models === "object" && models !== null
      ? Object.keys(models)
      : oracle.list().models.map((m) => m.model.key);
  return keys.flatMap((key) => {
    const s = oracle.status(key);
    const m = s.model;
    if (m === null) return [];
    return [
      {
        key,
        provider: m.provider,
        listed: m.listed,
        contextLength: m.contextLength,
        costClass: m.costClass,
        reliability: m.reliability,
        calls: m.calls,
        latencyP50Ms: m.latencyP50Ms,
        latencyP95Ms: m.latencyP95Ms,
        drift: m.drift.map((d) => ({
          probe: d.probe,
          severity: d.severity,
          epochId: d.epochId,
          recent: d.recent,
        })),
        health: { healthy: s.healthy, reasons: s.reasons, warnings: s.warnings },
      },
    ];
  });
}

function fromRegistry(epoch: LoadedEpoch, store: BenchmarkStore | null): ModelRow[] {
  const reg = RegistrySchema.safeParse(epoch.registry);
  const epochMs = Date.parse(epoch.manifest.created_at);
  const driftOf = (key: string): ModelDrift[] =>
    Object.entries(store?.models[key] ?? {}).flatMap(([probe, e]) => {
      if (e.drift === null) return [];
      const at = epochMs - epochMsOf(e.drift.epoch_id);
      const recent = Number.isNaN(at) || at <= DEFAULT_DRIFT_WINDOW_MS;
      return [{ probe, severity: e.drift.severity, epochId: e.drift.epoch_id, recent }];
    });
  if (reg.success) {
    return Object.entries(reg.data.models).map(([key, e]) => ({
      key,
      provider: e.provider,
      listed: e.present,
      contextLength: e.context_length,
      costClass: e.cost_class,
      reliability: e.reliability,
      calls: e.history.length,
      latencyP50Ms: e.latency_p50_ms,
      latencyP95Ms: e.latency_p95_ms,
      drift: driftOf(key),
      health: null,
    }));
  }
  // No registry (an epoch fresh from v1 migration): the snapshots' models, nothing measured.
  return Object.entries(epoch.snapshots).flatMap(([provider, snap]) =>
    (snap?.models ?? []).map((m) => ({
      key: `${provider}/${m.id}`,
      provider,
      listed: true,
      contextLength: m.context_length ?? null,
      costClass: null,
      reliability: null,
      calls: 0,
      latencyP50Ms: null,
      latencyP95Ms: null,
      drift: driftOf(`${provider}/${m.id}`),
      health: null,
    })),
  );
}

function epochMsOf(id: string): number {
  try {
    return epochTime(id).getTime();
  } catch {
    return Number.NaN;
  }
}
