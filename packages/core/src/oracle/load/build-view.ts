// From one epoch's verified objects to the oracle's immutable view: the model table plus the
// epoch facts every answer carries. Pure: the same epoch gives the same view.
import { costClass } from "../../registry/cost-class.js";
import { epochTime } from "../../state/epoch-id.js";
import type { StateProblem } from "../../state/read-epoch.js";
import type { Manifest, Snapshot } from "../../state/schemas.js";
import { stateUnusable } from "../errors.js";
import { type DriftContext, type DriftFindings, driftFindings } from "../model/drift.js";
import { type Modalities, modalitiesOf, modalityBits } from "../model/modality.js";
import type { ModelProfile, ProviderStatus } from "../model/profile.js";
import { buildTable, type ModelTable, type TableEntry, tableOf } from "../model/table.js";
import type { ResolvedOptions } from "../options.js";
import type { EpochSource } from "./read-source.js";
import { asBenchEntry, type RoutingView, routingView } from "./routing-view.js";
import { type BenchModels, benchModels, registryModels } from "./views.js";

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
  /** The manifest's model history head (absent in epochs written before the history existed). */
  history: Pick<Manifest, "history" | "history_quiet"> | null;
  /** Every model the epoch knows, listed or not. */
  table: ModelTable;
}

export function buildView(stateDir: string, src: EpochSource, options: ResolvedOptions): View {
  const createdAtMs = Date.parse(src.manifest.created_at);
  const index = src.routing === null ? null : routingView(src.routing);
  if (src.routing !== null && index === null) {
    throw stateUnusable(stateDir, [
      { file: `objects/${src.manifest.routing}.json`, reason: "not a routing index" },
    ]);
  }
  const bench = index === null ? storeModels(stateDir, src) : indexProbes(index);
  const ctx: DriftContext = {
    probeSeverity: options.probeSeverity,
    epochMs: createdAtMs,
    windowMs: options.driftWindowMs,
    epochMsOf: epochMs,
  };
  const status = (provider: string) => providerStatus(src.manifest, provider);
  if (index !== null) {
    return {
      ...facts(stateDir, src, createdAtMs),
      table: indexTable(index, bench, ctx, src, status),
    };
  }
  // One object literal per model, no intermediate objects.
  const entry: Entry = (base, listed, removedIn) => {
    const d = driftFindings(bench[base.key], ctx);
    const profile: ModelProfile = {
      key: base.key,
      provider: base.provider,
      modelId: base.modelId,
      listed,
      removedIn,
      providerStatus: status(base.provider),
      contextLength: base.contextLength,
      maxOutputTokens: base.maxOutputTokens,
      costClass: base.costClass,
      supportsTools: base.supportsTools,
      modalities: modalitiesOf(src.capabilities.get(base.key)),
      deprecationDate: base.deprecationDate,
      expirationDate: base.expirationDate,
      reliability: base.reliability,
      latencyP50Ms: base.latencyP50Ms,
      latencyP95Ms: base.latencyP95Ms,
      calls: base.calls,
      drift: d.drift,
      pending: d.pending,
    };
    return { profile, driftRank: d.rank };
  };
  const entries =
    src.registry === null
      ? fromSnapshots(src.snapshots ?? {}, entry)
      : fromRegistry(stateDir, src, entry);
  return { ...facts(stateDir, src, createdAtMs), table: tableOf(entries) };
}

/** The epoch facts every view carries. */
function facts(stateDir: string, src: EpochSource, createdAtMs: number): Omit<View, "table"> {
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
    history: src.manifest.history
      ? {
          history: src.manifest.history,
          ...(src.manifest.history_quiet ? { history_quiet: src.manifest.history_quiet } : {}),
        }
      : null,
  };
}

/**
 * The table straight from the routing index's columns (drift findings only for the few models
 * with probes on record); a profile is made when an answer asks for it.
 */
function indexTable(
  index: RoutingView,
  bench: BenchModels,
  ctx: DriftContext,
  src: EpochSource,
  status: (provider: string) => ProviderStatus,
): ModelTable {
  const { models: m, providers, size: n } = index;
  // Keys are made when asked for, not 10,000 at open: a route needs the one it picks.
  const key = (j: number) => `${providers[m.provider[j]!]}/${m.model_id[j]}`;
  const findings = new Map<string, DriftFindings>();
  const drift = (key: string) => {
    let d = findings.get(key);
    if (d === undefined) {
      d = driftFindings(bench[key], ctx);
      findings.set(key, d);
    }
    return d;
  };
  const driftRank = new Int8Array(n).fill(-1);
  if (Object.keys(bench).length > 0) {
    for (let i = 0; i < n; i++) {
      const k = key(i);
      if (Object.hasOwn(bench, k)) driftRank[i] = drift(k).rank;
    }
  }
  const { modalities, bits } = modalitiesFrom(index, key, src.capabilities);
  return buildTable(
    {
      size: n,
      key,
      inKeyOrder: inKeyOrder(index),
      provider: m.provider,
      providerNames: providers,
      listed: m.present,
      supportsTools: m.supports_tools,
      contextLength: m.context_length,
      reliability: m.reliability,
      calls: m.calls,
      modalityBits: bits,
      latencyP50Ms: m.latency_p50_ms,
      costClass: m.cost_class,
      driftRank,
      deprecationDate: m.deprecation_date,
      expirationDate: m.expiration_date,
    },
    (i) => {
      const k = key(i);
      const provider = providers[m.provider[i]!]!;
      const d = drift(k);
      return {
        key: k,
        provider,
        modelId: m.model_id[i]!,
        listed: m.present[i]!,
        removedIn: m.removed_in[i]!,
        providerStatus: status(provider),
        contextLength: m.context_length[i]!,
        maxOutputTokens: m.max_output_tokens[i]!,
        costClass: m.cost_class[i]!,
        supportsTools: m.supports_tools[i]!,
        modalities: modalities(i),
        deprecationDate: m.deprecation_date[i]!,
        expirationDate: m.expiration_date[i]!,
        reliability: m.reliability[i]!,
        latencyP50Ms: m.latency_p50_ms[i]!,
        latencyP95Ms: m.latency_p95_ms[i]!,
        calls: m.calls[i]!,
        drift: d.drift,
        pending: d.pending,
      };
    },
  );
}

/**
 * Whether the index lists models in key order, without making their keys: models of one provider
 * compare by id (their keys share the prefix); only where the provider changes are two keys made.
 */
function inKeyOrder(index: RoutingView): boolean {
  const { provider, model_id: id } = index.models;
  const { providers } = index;
  for (let i = 1; i < index.size; i++) {
    const p = provider[i]!;
    const q = provider[i - 1]!;
    if (
      p === q
        ? !(id[i - 1]! < id[i]!)
        : !(`${providers[q]}/${id[i - 1]}` < `${providers[p]}/${id[i]}`)
    )
      return false;
  }
  return true;
}

/**
 * Each model's modalities, and their bits for the table: from the flag sets the index carries
 * (read once per set), or for an observatory.routing/1 index from the flags the reader took from
 * the snapshots.
 */
function modalitiesFrom(
  index: RoutingView,
  key: (i: number) => string,
  listed: EpochSource["capabilities"],
): { modalities: (i: number) => Modalities | null; bits: Uint8Array } {
  const bits = new Uint8Array(index.size);
  const sets = index.capabilitySets;
  if (sets === null) {
    const modalities = (i: number) => (listed.size === 0 ? null : modalitiesOf(listed.get(key(i))));
    if (listed.size > 0)
      for (let i = 0; i < bits.length; i++) bits[i] = modalityBits(modalities(i));
    return { modalities, bits };
  }
  const bySet = sets.map((flags) => modalitiesOf(flags));
  const bitsBySet = bySet.map(modalityBits);
  const of = index.models.capabilities;
  for (let i = 0; i < bits.length; i++) {
    const s = of[i];
    if (s !== null && s !== undefined) bits[i] = bitsBySet[s]!;
  }
  return {
    modalities: (i) => {
      const s = of[i];
      return s === null || s === undefined ? null : bySet[s]!;
    },
    bits,
  };
}

function storeModels(stateDir: string, src: EpochSource): BenchModels {
  const bench = src.benchmarks === null ? {} : benchModels(src.benchmarks);
  if (bench === null) {
    throw stateUnusable(stateDir, [
      { file: `objects/${src.manifest.benchmarks}.json`, reason: "not a benchmark store" },
    ]);
  }
  return bench;
}

/** The index keeps only the probes that can matter (a drift on record, a streak). */
function indexProbes(index: RoutingView): BenchModels {
  const out: BenchModels = {};
  for (const key in index.probes) {
    const probes = index.probes[key]!;
    const entries: BenchModels[string] = {};
    for (const probe in probes) entries[probe] = asBenchEntry(probes[probe]!);
    out[key] = entries;
  }
  return out;
}

/** A model's own facts; entry() adds the epoch's (provider status, drift). */
type Base = Omit<
  ModelProfile,
  "listed" | "removedIn" | "providerStatus" | "modalities" | "drift" | "pending"
>;
type Entry = (base: Base, listed: boolean, removedIn: string | null) => TableEntry;

function fromRegistry(stateDir: string, src: EpochSource, entry: Entry): TableEntry[] {
  const reg = registryModels(src.registry);
  if (reg === null) {
    throw stateUnusable(stateDir, [
      { file: `objects/${src.manifest.registry}.json`, reason: "not a capability registry" },
    ]);
  }
  const { keys, models } = reg;
  const out = new Array<TableEntry>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const e = models[key]!;
    const base: Base = {
      key,
      provider: e.provider,
      modelId: e.model_id,
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
    };
    out[i] = entry(base, e.present, e.removed_in);
  }
  return out;
}

/** An epoch without a registry (e.g. just migrated from v1): metadata only, nothing measured. */
function fromSnapshots(snapshots: Record<string, Snapshot | null>, entry: Entry): TableEntry[] {
  return Object.entries(snapshots).flatMap(([provider, snap]) =>
    (snap?.models ?? []).map((m) =>
      entry(
        {
          key: `${provider}/${m.id}`,
          provider,
          modelId: m.id,
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
        },
        true,
        null,
      ),
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
