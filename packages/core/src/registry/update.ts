// Builds the next epoch's registry from the previous one, the epoch's snapshots and the calls
// made in this run. Pure: same inputs, same registry.
import type { ModelRecord, ServingIdentity } from "../model.js";
import type { Snapshot } from "../state/schemas.js";
import { costClass } from "./cost-class.js";
import {
  type CallOutcome,
  type ProviderPollState,
  type Registry,
  type RegistryEntry,
  registryKey,
} from "./schema.js";
import { windowStats } from "./stats.js";

export const DEFAULT_REGISTRY_WINDOW = 20;

export interface CallRecord {
  provider: string;
  model_id: string;
  outcome: CallOutcome;
  latency_ms: number | null;
  identity?: ServingIdentity | undefined;
}

export interface RegistryInput {
  epochId: string;
  /** Snapshot per provider in the new epoch (null: no snapshot). */
  snapshots: Record<string, Snapshot | null>;
  /** Providers whose snapshot is fresh in this epoch: only they can prove a model gone. */
  freshProviders: ReadonlySet<string>;
  calls: readonly CallRecord[];
  window?: number;
  /** obs-poll's per-provider state for this epoch; undefined keeps the previous one. */
  pollState?: Record<string, ProviderPollState>;
}

export function updateRegistry(prev: Registry | null, input: RegistryInput): Registry {
  const window = input.window ?? prev?.window ?? DEFAULT_REGISTRY_WINDOW;
  const models: Record<string, RegistryEntry> = {};
  for (const [key, entry] of Object.entries(prev?.models ?? {})) models[key] = { ...entry };

  const listed = new Set<string>();
  for (const [provider, snap] of Object.entries(input.snapshots)) {
    for (const m of snap?.models ?? []) {
      const key = registryKey(provider, m.id);
      listed.add(key);
      models[key] = fromMetadata(models[key] ?? blankRegistryEntry(provider, m.id), m);
    }
  }
  for (const [key, entry] of Object.entries(models)) {
    if (listed.has(key)) continue;
    // A provider that failed keeps its models; only a fresh listing proves a model gone.
    if (input.freshProviders.has(entry.provider)) {
      if (entry.present) models[key] = { ...entry, present: false, removed_in: input.epochId };
    }
  }

  for (const call of input.calls) {
    const key = registryKey(call.provider, call.model_id);
    const entry = models[key] ?? blankRegistryEntry(call.provider, call.model_id);
    const history = [
      ...entry.history,
      { epoch_id: input.epochId, outcome: call.outcome, latency_ms: call.latency_ms },
    ].slice(-window);
    models[key] = {
      ...entry,
      history,
      ...windowStats(history),
      identity:
        call.identity && Object.keys(call.identity).length > 0 ? call.identity : entry.identity,
    };
  }
  const pollState = input.pollState ?? prev?.poll_state;
  return {
    schema: "observatory.registry/1",
    window,
    models: sortKeys(models),
    ...(pollState && Object.keys(pollState).length > 0 ? { poll_state: sortKeys(pollState) } : {}),
  };
}

/** A registry entry with nothing known yet (not listed, no calls). */
export function blankRegistryEntry(provider: string, modelId: string): RegistryEntry {
  return {
    provider,
    model_id: modelId,
    present: false,
    removed_in: null,
    context_length: null,
    max_output_tokens: null,
    cost_class: null,
    supports_tools: null,
    deprecation_date: null,
    expiration_date: null,
    history: [],
    reliability: null,
    latency_p50_ms: null,
    latency_p95_ms: null,
    identity: null,
  };
}

function fromMetadata(entry: RegistryEntry, m: ModelRecord): RegistryEntry {
  return {
    ...entry,
    present: true,
    removed_in: null,
    context_length: m.context_length ?? null,
    max_output_tokens: m.max_output_tokens ?? null,
    cost_class: costClass(m),
    supports_tools: m.capabilities ? m.capabilities.includes("tools") : null,
    deprecation_date: m.deprecation_date ?? null,
    expiration_date: m.expiration_date ?? null,
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
