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
  /** Model i's key, "provider/model_id"; keys are sorted (code-unit order). */
  key(i: number): string;
  /** Every key, in order: index i of every column describes keys[i]. Made on first use. */
  readonly keys: readonly string[];
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

/**
 * What the columns hold, one array per attribute: element j describes the model whose key is
 * key(j). Arrays as the routing index holds them, so a table is filled from an index without a
 * copy per model.
 */
export interface TableSource {
  size: number;
  key(j: number): string;
  /** Whether the source is in key order (the writer sorts); compared with key() when not said. */
  inKeyOrder?: boolean;
  /** Index into providerNames. */
  provider: ArrayLike<number>;
  providerNames: readonly string[];
  listed: ArrayLike<boolean>;
  supportsTools: ArrayLike<boolean | null>;
  contextLength: ArrayLike<number | null>;
  reliability: ArrayLike<number | null>;
  calls: ArrayLike<number>;
  /** model/modality.ts's bits. */
  modalityBits: ArrayLike<number>;
  latencyP50Ms: ArrayLike<number | null>;
  costClass: ArrayLike<CostClass | null>;
  /** Highest severity rank among recent drifts; -1 none. */
  driftRank: ArrayLike<number>;
  deprecationDate: ArrayLike<string | null>;
  expirationDate: ArrayLike<string | null>;
}

/**
 * A table of `src.size` models, in key order (sorted here when the source is not);
 * `profile(j)` makes the profile of the model at index j of `src`.
 */
export function buildTable(src: TableSource, profile: (j: number) => ModelProfile): ModelTable {
  const n = src.size;
  let sorted = src.inKeyOrder;
  if (sorted === undefined) {
    sorted = true;
    for (let j = 1; j < n && sorted; j++) sorted = src.key(j - 1) < src.key(j);
  }
  // The writer sorts the index and the registry by key, so the sort is usually skipped.
  let order: Int32Array | null = null;
  if (!sorted) {
    const keys = Array.from({ length: n }, (_, j) => src.key(j));
    order = Int32Array.from({ length: n }, (_, j) => j).sort((a, b) =>
      keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0,
    );
  }
  const at = (i: number) => (order === null ? i : order[i]!);
  const made = new Array<ModelProfile | undefined>(n);
  let keys: string[] | undefined;
  const t: ModelTable = {
    size: n,
    key: (i) => src.key(at(i)),
    get keys() {
      keys ??= Array.from({ length: n }, (_, i) => src.key(at(i)));
      return keys;
    },
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
  // One name, one id, whatever the source repeats.
  const names = new Map<string, number>();
  const ids = Array.from(src.providerNames, (name) => {
    let id = names.get(name);
    if (id === undefined) {
      id = names.size;
      names.set(name, id);
    }
    return id;
  });
  t.providerNames = [...names.keys()];
  // A column at a time: each loop is small and monomorphic, which matters in a process that
  // fills one table and exits before the JIT has warmed up.
  const c = order === null ? src : permuted(src, order);
  for (let i = 0; i < n; i++) t.listed[i] = c.listed[i] ? 1 : 0;
  for (let i = 0; i < n; i++) t.tools[i] = c.supportsTools[i] === true ? 1 : 0;
  for (let i = 0; i < n; i++) t.context[i] = c.contextLength[i] ?? -1;
  for (let i = 0; i < n; i++) t.reliability[i] = c.reliability[i] ?? -1;
  for (let i = 0; i < n; i++) t.calls[i] = c.calls[i]!;
  for (let i = 0; i < n; i++) t.modality[i] = c.modalityBits[i]!;
  for (let i = 0; i < n; i++) t.latency[i] = c.latencyP50Ms[i] ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const cost = c.costClass[i];
    t.costRank[i] = cost === null || cost === undefined ? 99 : COST_RANK[cost];
  }
  for (let i = 0; i < n; i++) t.driftRank[i] = c.driftRank[i]!;
  for (let i = 0; i < n; i++) t.deprecatedAt[i] = dateMs(c.deprecationDate[i] ?? null);
  for (let i = 0; i < n; i++) t.expiresAt[i] = dateMs(c.expirationDate[i] ?? null);
  for (let i = 0; i < n; i++) t.provider[i] = ids[c.provider[i]!]!;
  return t;
}

/** The source's columns in `order`. */
function permuted(src: TableSource, order: Int32Array): TableSource {
  const p = <T>(column: ArrayLike<T>): T[] => Array.from(order, (j) => column[j]!);
  return {
    ...src,
    provider: p(src.provider),
    listed: p(src.listed),
    supportsTools: p(src.supportsTools),
    contextLength: p(src.contextLength),
    reliability: p(src.reliability),
    calls: p(src.calls),
    modalityBits: p(src.modalityBits),
    latencyP50Ms: p(src.latencyP50Ms),
    costClass: p(src.costClass),
    driftRank: p(src.driftRank),
    deprecationDate: p(src.deprecationDate),
    expirationDate: p(src.expirationDate),
  };
}

/** A table of ready-made profiles (epochs without a routing index, tests). */
export function tableOf(entries: readonly TableEntry[]): ModelTable {
  const ps = entries.map((e) => e.profile);
  const providerNames = [...new Set(ps.map((p) => p.provider))];
  const providerId = new Map(providerNames.map((name, i) => [name, i]));
  return buildTable(
    {
      size: ps.length,
      key: (j) => ps[j]!.key,
      provider: ps.map((p) => providerId.get(p.provider)!),
      providerNames,
      listed: ps.map((p) => p.listed),
      supportsTools: ps.map((p) => p.supportsTools),
      contextLength: ps.map((p) => p.contextLength),
      reliability: ps.map((p) => p.reliability),
      calls: ps.map((p) => p.calls),
      modalityBits: ps.map((p) => modalityBits(p.modalities)),
      latencyP50Ms: ps.map((p) => p.latencyP50Ms),
      costClass: ps.map((p) => p.costClass),
      driftRank: entries.map((e) => e.driftRank),
      deprecationDate: ps.map((p) => p.deprecationDate),
      expirationDate: ps.map((p) => p.expirationDate),
    },
    (j) => ps[j]!,
  );
}

/** The table index of a key, or -1: a binary search, since keys are sorted. */
export function indexOf(t: ModelTable, key: string): number {
  let lo = 0;
  let hi = t.size - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = t.key(mid);
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
