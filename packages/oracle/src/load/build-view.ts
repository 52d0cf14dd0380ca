// From one epoch's verified objects to the oracle's immutable view: a row per model, sorted by
// key, plus the epoch facts every answer carries. Pure: the same epoch gives the same view.
import {
  costClass,
  epochTime,
  type Manifest,
  type Snapshot,
  type StateProblem,
} from "@observatory/core";
import { stateUnusable } from "../errors.js";
import { driftFindings } from "../model/drift.js";
import { type ModelProfile, type ProviderStatus, type Row, toRow } from "../model/profile.js";
import type { ResolvedOptions } from "../options.js";
import type { EpochSource } from "./read-source.js";
import { BenchView, RegistryView } from "./schemas.js";

export interface View {
  stateDir: string;
  epochId: string;
  manifestHash: string;
  createdAt: string;
  createdAtMs: number;
  pointer: EpochSource["pointer"];
  fellBack: boolean;
  problems: StateProblem[];
  providers: Manifest["providers"];
  /** Every model the epoch knows (listed or not), sorted by key. */
  rows: Row[];
  byKey: ReadonlyMap<string, Row>;
}

type Base = Omit<ModelProfile, "providerStatus" | "drift" | "pending">;

export function buildView(stateDir: string, src: EpochSource, options: ResolvedOptions): View {
  const createdAtMs = Date.parse(src.manifest.created_at);
  const bench = src.benchmarks === null ? null : BenchView.safeParse(src.benchmarks);
  if (bench !== null && !bench.success) {
    throw stateUnusable(stateDir, [
      { file: `objects/${src.manifest.benchmarks}.json`, reason: "not a benchmark store" },
    ]);
  }
  const ctx = {
    probeSeverity: options.probeSeverity,
    epochMs: createdAtMs,
    windowMs: options.driftWindowMs,
    epochMsOf: epochMs,
  };
  const status = (provider: string): ProviderStatus =>
    src.manifest.providers[provider]?.status ?? "absent";
  const rows = baseProfiles(stateDir, src).map((base) => {
    const d = driftFindings(bench?.data.models[base.key], ctx);
    const profile: ModelProfile = {
      ...base,
      providerStatus: status(base.provider),
      drift: d.drift,
      pending: d.pending,
    };
    return toRow(profile, d.rank);
  });
  rows.sort((a, b) => (a.profile.key < b.profile.key ? -1 : a.profile.key > b.profile.key ? 1 : 0));
  return {
    stateDir,
    epochId: src.epochId,
    manifestHash: src.manifestHash,
    createdAt: src.manifest.created_at,
    createdAtMs,
    pointer: src.pointer,
    fellBack: src.fellBack,
    problems: src.problems,
    providers: src.manifest.providers,
    rows,
    byKey: new Map(rows.map((r) => [r.profile.key, r])),
  };
}

function baseProfiles(stateDir: string, src: EpochSource): Base[] {
  if (src.registry === null) return fromSnapshots(src.snapshots ?? {});
  const reg = RegistryView.safeParse(src.registry);
  if (!reg.success) {
    throw stateUnusable(stateDir, [
      { file: `objects/${src.manifest.registry}.json`, reason: "not a capability registry" },
    ]);
  }
  return Object.entries(reg.data.models).map(([key, e]) => ({
    key,
    provider: e.provider,
    modelId: e.model_id,
    listed: e.present,
    removedIn: e.removed_in,
    contextLength: e.context_length,
    maxOutputTokens: e.max_output_tokens,
    costClass: e.cost_class,
    supportsTools: e.supports_tools,
    deprecationDate: e.deprecation_date,
    expirationDate: e.expiration_date,
    reliability: e.reliability,
    latencyP50Ms: e.latency_p50_ms,
    latencyP95Ms: e.latency_p95_ms,
    calls: e.history.length,
  }));
}

/** An epoch without a registry (e.g. just migrated from v1): metadata only, nothing measured. */
function fromSnapshots(snapshots: Record<string, Snapshot | null>): Base[] {
  return Object.entries(snapshots).flatMap(([provider, snap]) =>
    (snap?.models ?? []).map((m) => ({
      key: `${provider}/${m.id}`,
      provider,
      modelId: m.id,
      listed: true,
      removedIn: null,
      contextLength: m.context_length ?? null,
      maxOutputTokens: m.max_output_tokens ?? null,
      costClass: costClass(m),
      supportsTools: m.capabilities ? m.capabilities.includes("tools") : null,
      deprecationDate: m.deprecation_date ?? null,
      expirationDate: m.expiration_date ?? null,
      reliability: null,
      latencyP50Ms: null,
      latencyP95Ms: null,
      calls: 0,
    })),
  );
}

function epochMs(id: string): number {
  try {
    return epochTime(id).getTime();
  } catch {
    return Number.NaN;
  }
}
