// From one epoch's verified objects to the oracle's immutable view: the model table plus the
// epoch facts every answer carries. Pure: the same epoch gives the same view.
import {
  costClass,
  epochTime,
  type Manifest,
  type Snapshot,
  type StateProblem,
} from "@observatory/core";
import { stateUnusable } from "../errors.js";
import { type DriftContext, driftFindings } from "../model/drift.js";
import type { ModelProfile, ProviderStatus } from "../model/profile.js";
import { buildTable, type ModelTable, type TableEntry } from "../model/table.js";
import type { ResolvedOptions } from "../options.js";
import type { EpochSource } from "./read-source.js";
import { benchModels, registryModels } from "./views.js";

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
  /** Every model the epoch knows, listed or not. */
  table: ModelTable;
}

type Measured = Pick<
  ModelProfile,
  "reliability" | "latencyP50Ms" | "latencyP95Ms" | "calls" | "listed" | "removedIn"
>;
type Meta = Pick<
  ModelProfile,
  | "contextLength"
  | "maxOutputTokens"
  | "costClass"
  | "supportsTools"
  | "deprecationDate"
  | "expirationDate"
>;

export function buildView(stateDir: string, src: EpochSource, options: ResolvedOptions): View {
  const createdAtMs = Date.parse(src.manifest.created_at);
  const bench = src.benchmarks === null ? {} : benchModels(src.benchmarks);
  if (bench === null) {
    throw stateUnusable(stateDir, [
      { file: `objects/${src.manifest.benchmarks}.json`, reason: "not a benchmark store" },
    ]);
  }
  const ctx: DriftContext = {
    probeSeverity: options.probeSeverity,
    epochMs: createdAtMs,
    windowMs: options.driftWindowMs,
    epochMsOf: epochMs,
  };
  const entry = (
    key: string,
    provider: string,
    modelId: string,
    m: Measured,
    meta: Meta,
  ): TableEntry => {
    const d = driftFindings(bench[key], ctx);
    const profile: ModelProfile = {
      key,
      provider,
      modelId,
      listed: m.listed,
      removedIn: m.removedIn,
      providerStatus: providerStatus(src.manifest, provider),
      ...meta,
      reliability: m.reliability,
      latencyP50Ms: m.latencyP50Ms,
      latencyP95Ms: m.latencyP95Ms,
      calls: m.calls,
      drift: d.drift,
      pending: d.pending,
    };
    return { profile, driftRank: d.rank };
  };
  const entries =
    src.registry === null
      ? fromSnapshots(src.snapshots ?? {}, entry)
      : fromRegistry(stateDir, src, entry);
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
    table: buildTable(entries),
  };
}

type Entry = (
  key: string,
  provider: string,
  modelId: string,
  m: Measured,
  meta: Meta,
) => TableEntry;

function fromRegistry(stateDir: string, src: EpochSource, entry: Entry): TableEntry[] {
  const models = registryModels(src.registry);
  if (models === null) {
    throw stateUnusable(stateDir, [
      { file: `objects/${src.manifest.registry}.json`, reason: "not a capability registry" },
    ]);
  }
  const out: TableEntry[] = [];
  for (const key in models) {
    const e = models[key]!;
    out.push(
      entry(
        key,
        e.provider,
        e.model_id,
        {
          listed: e.present,
          removedIn: e.removed_in,
          reliability: e.reliability,
          latencyP50Ms: e.latency_p50_ms,
          latencyP95Ms: e.latency_p95_ms,
          calls: e.history.length,
        },
        {
          contextLength: e.context_length,
          maxOutputTokens: e.max_output_tokens,
          costClass: e.cost_class,
          supportsTools: e.supports_tools,
          deprecationDate: e.deprecation_date,
          expirationDate: e.expiration_date,
        },
      ),
    );
  }
  return out;
}

const UNMEASURED = {
  listed: true,
  removedIn: null,
  reliability: null,
  latencyP50Ms: null,
  latencyP95Ms: null,
  calls: 0,
};

/** An epoch without a registry (e.g. just migrated from v1): metadata only, nothing measured. */
function fromSnapshots(snapshots: Record<string, Snapshot | null>, entry: Entry): TableEntry[] {
  return Object.entries(snapshots).flatMap(([provider, snap]) =>
    (snap?.models ?? []).map((m) =>
      entry(`${provider}/${m.id}`, provider, m.id, UNMEASURED, {
        contextLength: m.context_length ?? null,
        maxOutputTokens: m.max_output_tokens ?? null,
        costClass: costClass(m),
        supportsTools: m.capabilities ? m.capabilities.includes("tools") : null,
        deprecationDate: m.deprecation_date ?? null,
        expirationDate: m.expiration_date ?? null,
      }),
    ),
  );
}

function providerStatus(manifest: Manifest, provider: string): ProviderStatus {
  return manifest.providers[provider]?.status ?? "absent";
}

function epochMs(id: string): number {
  try {
    return epochTime(id).getTime();
  } catch {
    return Number.NaN;
  }
}
