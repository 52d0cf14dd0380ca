// The epoch's models as columns: one typed array per attribute routing compares, index order =
// key order. A route over 10,000 models then reads a few contiguous arrays instead of chasing
// 20,000 objects around the heap, and the final tie-break (the key) is an index comparison.
// "Unknown" is encoded so it sorts last for every preference and never satisfies a bound.
// A model's profile (the object answers carry) is made when an answer first needs it: a one-shot
// route over 10,000 models fills the columns and makes one profile, not 10,000.
import type { CostClass } from "../../registry/cost-classes.js";
import { modalityBits } from "./modality.js";
import { COST_RANK, dateMs, type ModelProfile } from "./profile.js";

export interface ModelTable {
  size: number;
  /** "provider/model_id", sorted (code-unit order); index i of every column describes keys[i]. */
  keys: readonly string[];
  /** Model i's profile, made on first use and then shared by every answer. */
  profile(i: number): ModelProfile;
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

/** What the columns hold about one model; one object reused for every row while filling. */
export interface RowFacts {
  provider: string;
  listed: boolean;
  supportsTools: boolean | null;
  contextLength: number | null;
  reliability: number | null;
  calls: number;
  modalityBits: number;
  latencyP50Ms: number | null;
  costClass: CostClass | null;
  driftRank: number;
  deprecationDate: string | null;
  expirationDate: string | null;
}

/**
 * A table of `keys.length` models. `facts(i, into)` fills `into` with model i's facts in the
 * order of `keys` as given (sorted here when they are not); `profile(i)` makes model i's profile,
 * i again in the given order.
 */
export function buildTable(
  keys: readonly string[],
  facts: (i: number, into: RowFacts) => void,
  profile: (i: number) => ModelProfile,
): ModelTable {
  const n = keys.length;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = keys[i - 1]! < keys[i]!;
  // The writer sorts the index and the registry by key, so the sort is usually skipped.
  const source = sorted
    ? null
    : Int32Array.from({ length: n }, (_, i) => i).sort((a, b) =>
        keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0,
      );
  const at = (i: number) => (source === null ? i : source[i]!);
  const made = new Array<ModelProfile | undefined>(n);
  const t: ModelTable = {
    size: n,
    keys: source === null ? keys : Array.from(source, (j) => keys[j]!),
    profile: (i) => {
      let p = made[i];
      if (p === undefined) {
        if (!(i >= 0 && i < n)) throw new RangeError(`no model ${i} in a table of ${n}`);
        p = profile(at(i));
        made[i] = p;
      }
      return p;
    },
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
  const f: RowFacts = {
    provider: "",
    listed: false,
    supportsTools: null,
    contextLength: null,
    reliability: null,
    calls: 0,
    modalityBits: 0,
    latencyP50Ms: null,
    costClass: null,
    driftRank: -1,
    deprecationDate: null,
    expirationDate: null,
  };
  for (let i = 0; i < n; i++) {
    facts(at(i), f);
    t.listed[i] = f.listed ? 1 : 0;
    t.tools[i] = f.supportsTools === true ? 1 : 0;
    t.context[i] = f.contextLength ?? -1;
    t.reliability[i] = f.reliability ?? -1;
    t.calls[i] = f.calls;
    t.modality[i] = f.modalityBits;
    t.latency[i] = f.latencyP50Ms ?? Number.POSITIVE_INFINITY;
    t.costRank[i] = f.costClass === null ? 99 : COST_RANK[f.costClass];
    t.driftRank[i] = f.driftRank;
    t.deprecatedAt[i] = dateMs(f.deprecationDate);
    t.expiresAt[i] = dateMs(f.expirationDate);
    let id = providers.get(f.provider);
    if (id === undefined) {
      id = providers.size;
      providers.set(f.provider, id);
    }
    t.provider[i] = id;
  }
  t.providerNames = [...providers.keys()];
  return t;
}

/** A table of ready-made profiles (epochs without a routing index, tests). */
export function tableOf(entries: readonly TableEntry[]): ModelTable {
  return buildTable(
    entries.map((e) => e.profile.key),
    (i, f) => {
      const { profile: p, driftRank } = entries[i]!;
      f.provider = p.provider;
      f.listed = p.listed;
      f.supportsTools = p.supportsTools;
      f.contextLength = p.contextLength;
      f.reliability = p.reliability;
      f.calls = p.calls;
      f.modalityBits = modalityBits(p.modalities);
      f.latencyP50Ms = p.latencyP50Ms;
      f.costClass = p.costClass;
      f.driftRank = driftRank;
      f.deprecationDate = p.deprecationDate;
      f.expirationDate = p.expirationDate;
    },
    (i) => entries[i]!.profile,
  );
}

/** The table index of a key, or -1: a binary search, since keys are sorted. */
export function indexOf(t: ModelTable, key: string): number {
  let lo = 0;
  let hi = t.size - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = t.keys[mid]!;
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
