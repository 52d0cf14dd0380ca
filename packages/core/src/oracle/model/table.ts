// The epoch's models as columns: one typed array per attribute routing compares, index order =
// key order. A route over 10,000 models then reads a few contiguous arrays instead of chasing
// 20,000 objects around the heap, and the final tie-break (the key) is an index comparison.
// "Unknown" is encoded so it sorts last for every preference and never satisfies a bound.
import { modalityBits } from "./modality.js";
import { COST_RANK, dateMs, type ModelProfile } from "./profile.js";

export interface ModelTable {
  size: number;
  /** Sorted by key (code-unit order); index i of every column describes profiles[i]. */
  profiles: readonly ModelProfile[];
  listed: Uint8Array;
  /** 1 supports tools, 0 does not or unknown. */
  tools: Uint8Array;
  /** Tokens; -1 unknown. */
  context: Float64Array;
  /** 0..1; -1 unknown. */
  reliability: Float64Array;
  /** Calls in the window behind reliability. */
  calls: Int32Array;
  /** Output modalities and text input as bits (model/modality.ts); 0 unknown. */
  modality: Uint8Array;
  /** Median ms; +Infinity unknown. */
  latency: Float64Array;
  /** 0 free .. 4 premium; 99 unknown. */
  costRank: Uint8Array;
  /** Highest severity rank (0 INFO .. 5 CRITICAL) among recent drifts; -1 none. */
  driftRank: Int8Array;
  /** Epoch ms; NaN none; -Infinity when the provider's date is unreadable (taken as passed). */
  deprecatedAt: Float64Array;
  expiresAt: Float64Array;
  /** Index into providerNames. */
  provider: Int32Array;
  providerNames: readonly string[];
}

export interface TableEntry {
  profile: ModelProfile;
  driftRank: number;
}

export function buildTable(entries: readonly TableEntry[]): ModelTable {
  // Core writes the registry sorted by key, so the sort is usually skipped.
  const byKey = (a: TableEntry, b: TableEntry) =>
    a.profile.key < b.profile.key ? -1 : a.profile.key > b.profile.key ? 1 : 0;
  const isSorted = entries.every((e, i) => i === 0 || byKey(entries[i - 1]!, e) < 0);
  const sorted = isSorted ? entries : [...entries].sort(byKey);
  const n = sorted.length;
  const t: ModelTable = {
    size: n,
    profiles: sorted.map((e) => e.profile),
    listed: new Uint8Array(n),
    tools: new Uint8Array(n),
    context: new Float64Array(n),
    reliability: new Float64Array(n),
    calls: new Int32Array(n),
    modality: new Uint8Array(n),
    latency: new Float64Array(n),
    costRank: new Uint8Array(n),
    driftRank: new Int8Array(n),
    deprecatedAt: new Float64Array(n),
    expiresAt: new Float64Array(n),
    provider: new Int32Array(n),
    providerNames: [],
  };
  const providers = new Map<string, number>();
  sorted.forEach(({ profile: p, driftRank }, i) => {
    t.listed[i] = p.listed ? 1 : 0;
    t.tools[i] = p.supportsTools === true ? 1 : 0;
    t.context[i] = p.contextLength ?? -1;
    t.reliability[i] = p.reliability ?? -1;
    t.calls[i] = p.calls;
    t.modality[i] = modalityBits(p.modalities);
    t.latency[i] = p.latencyP50Ms ?? Number.POSITIVE_INFINITY;
    t.costRank[i] = p.costClass === null ? 99 : COST_RANK[p.costClass];
    t.driftRank[i] = driftRank;
    t.deprecatedAt[i] = dateMs(p.deprecationDate);
    t.expiresAt[i] = dateMs(p.expirationDate);
    let id = providers.get(p.provider);
    if (id === undefined) {
      id = providers.size;
      providers.set(p.provider, id);
    }
    t.provider[i] = id;
  });
  return { ...t, providerNames: [...providers.keys()] };
}

/** The table index of a key, or -1: a binary search, since profiles are sorted by key. */
export function indexOf(t: ModelTable, key: string): number {
  let lo = 0;
  let hi = t.size - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = t.profiles[mid]!.key;
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
