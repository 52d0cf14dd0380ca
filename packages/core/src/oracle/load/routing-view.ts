// The routing index (core's routing/schema.ts) as the oracle reads it, in either format, checked
// by hand-written guards like views.ts and for the same reason: zod's copy of 10,000 models
// would cost more than the open() budget. load/routing-view.test.ts holds the guards to the
// schemas. Both formats give the same view: the models as columns.
import { ROUTING_COLUMNS, ROUTING_SCHEMA, ROUTING_SCHEMA_V1 } from "../../routing/columns.js";
import type { SEVERITIES } from "../../severity.js";
import {
  COSTS,
  intOrNull,
  isDrift,
  isObj,
  numOrNull,
  type Obj,
  strOrNull,
  VERDICTS,
} from "./_checks.js";
import type { BenchEntryView, RegistryEntryView } from "./views.js";

/** One observatory.routing/1 row, in ROUTING_COLUMNS order. */
export type RoutingRowView = [
  provider: string,
  modelId: string,
  present: boolean,
  removedIn: string | null,
  contextLength: number | null,
  maxOutputTokens: number | null,
  costClass: RegistryEntryView["cost_class"],
  supportsTools: boolean | null,
  deprecationDate: string | null,
  expirationDate: string | null,
  reliability: number | null,
  latencyP50Ms: number | null,
  latencyP95Ms: number | null,
  calls: number,
];

export interface RoutingProbeView {
  last_verdict: BenchEntryView["last_verdict"];
  streak: number;
  observed_in: string | null;
  baseline_since: string | null;
  drift: { epoch_id: string; severity: (typeof SEVERITIES)[number] } | null;
}

/** observatory.routing/2's model columns: model i is element i of each. */
export interface RoutingColumnsView {
  /** Index into RoutingView.providers. */
  provider: readonly number[];
  model_id: readonly string[];
  present: readonly boolean[];
  removed_in: readonly (string | null)[];
  context_length: readonly (number | null)[];
  max_output_tokens: readonly (number | null)[];
  cost_class: readonly RegistryEntryView["cost_class"][];
  supports_tools: readonly (boolean | null)[];
  deprecation_date: readonly (string | null)[];
  expiration_date: readonly (string | null)[];
  reliability: readonly (number | null)[];
  latency_p50_ms: readonly (number | null)[];
  latency_p95_ms: readonly (number | null)[];
  calls: readonly number[];
  /** Index into RoutingView.capabilitySets, null: no flags listed. */
  capabilities: readonly (number | null)[];
}

export interface RoutingView {
  size: number;
  providers: readonly string[];
  models: RoutingColumnsView;
  /** The flag sets models' snapshots list; null for an observatory.routing/1 index, which
   * carries none (the flags are then read from the snapshots). */
  capabilitySets: readonly (readonly string[])[] | null;
  probes: Record<string, Record<string, RoutingProbeView>>;
}

/** The schema an index object says it has: what decides whether its snapshots must be read. */
export function routingFormat(v: unknown): 1 | 2 | null {
  const s = isObj(v) ? v["schema"] : undefined;
  return s === ROUTING_SCHEMA ? 2 : s === ROUTING_SCHEMA_V1 ? 1 : null;
}

/** The index's models and probes, or null when the object is not an index the oracle can read. */
export function routingView(v: unknown): RoutingView | null {
  if (!isObj(v) || !isObj(v["probes"]) || !probesOk(v["probes"])) return null;
  const probes = v["probes"] as RoutingView["probes"];
  if (v["schema"] === ROUTING_SCHEMA) return columnsView(v, probes);
  if (v["schema"] === ROUTING_SCHEMA_V1) return rowsView(v, probes);
  return null;
}

function probesOk(probes: Obj): boolean {
  for (const k in probes) {
    const byProbe = probes[k];
    if (!isObj(byProbe)) return false;
    for (const p in byProbe) if (!isRoutingProbe(byProbe[p])) return false;
  }
  return true;
}

export function isRoutingProbe(p: unknown): p is RoutingProbeView {
  if (!isObj(p)) return false;
  const d = p["drift"];
  return (
    (p["last_verdict"] === null || VERDICTS.has(p["last_verdict"])) &&
    Number.isSafeInteger(p["streak"]) &&
    (p["streak"] as number) >= 0 &&
    strOrNull(p["observed_in"]) &&
    strOrNull(p["baseline_since"]) &&
    (d === null || isDrift(d))
  );
}

// --- observatory.routing/2 -------------------------------------------------------------------

type Col = unknown[];
const boolOrNull = (x: unknown) => x === null || typeof x === "boolean";
const costOrNull = (x: unknown) => x === null || COSTS.has(x);
const share = (x: unknown) => x === null || (typeof x === "number" && x >= 0 && x <= 1);
const count = (x: unknown) => Number.isSafeInteger(x) && (x as number) >= 0;

/** Every value a string or null (removed_in and the two dates). */
function stringsOrNull(a: Col): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (x !== null && typeof x !== "string") return false;
  }
  return true;
}

/** Every value a safe integer or null (context_length, max_output_tokens). */
function intsOrNull(a: Col): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (x !== null && !(typeof x === "number" && ((x | 0) === x || Number.isSafeInteger(x))))
      return false;
  }
  return true;
}

/** Every value a finite number or null (the latencies). */
function finiteOrNull(a: Col): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    // Finite: NaN fails both comparisons.
    if (x !== null && !(typeof x === "number" && x >= -MAX && x <= MAX)) return false;
  }
  return true;
}

/**
 * Each column's check: a loop per kind of element with its test written out (columns of one
 * kind share theirs). In a process that reads one index and exits, these loops run in the
 * interpreter, where a function call per value (150,000 of them) cost obs-oracle route a tenth
 * of its time; and one loop shared by columns of different element kinds would be recompiled at
 * each. Loops, not every(): every() skips holes, the schema does not. Calls remain only on rare
 * branches: `(x | 0) === x` settles whether most numbers are safe integers, isSafeInteger the
 * rest.
 */
const COLUMN_OK: { readonly [c in keyof RoutingColumnsView]: (a: Col, sizes: Sizes) => boolean } = {
  provider: (a, { providers }) => {
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (
        !(
          typeof x === "number" &&
          x >= 0 &&
          x < providers &&
          ((x | 0) === x || Number.isSafeInteger(x))
        )
      )
        return false;
    }
    return true;
  },
  model_id: (a) => {
    for (let i = 0; i < a.length; i++) if (typeof a[i] !== "string") return false;
    return true;
  },
  present: (a) => {
    for (let i = 0; i < a.length; i++) if (typeof a[i] !== "boolean") return false;
    return true;
  },
  removed_in: stringsOrNull,
  context_length: intsOrNull,
  max_output_tokens: intsOrNull,
  cost_class: (a) => {
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (
        x !== null &&
        x !== "free" &&
        x !== "low" &&
        x !== "mid" &&
        x !== "high" &&
        x !== "premium" &&
        !COSTS.has(x)
      )
        return false;
    }
    return true;
  },
  supports_tools: (a) => {
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (x !== null && typeof x !== "boolean") return false;
    }
    return true;
  },
  deprecation_date: stringsOrNull,
  expiration_date: stringsOrNull,
  reliability: (a) => {
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (x !== null && !(typeof x === "number" && x >= 0 && x <= 1)) return false;
    }
    return true;
  },
  latency_p50_ms: finiteOrNull,
  latency_p95_ms: finiteOrNull,
  calls: (a) => {
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (!(typeof x === "number" && x >= 0 && ((x | 0) === x || Number.isSafeInteger(x))))
        return false;
    }
    return true;
  },
  capabilities: (a, { sets }) => {
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (
        x !== null &&
        !(typeof x === "number" && x >= 0 && x < sets && ((x | 0) === x || Number.isSafeInteger(x)))
      )
        return false;
    }
    return true;
  },
};
const MAX = Number.MAX_VALUE;
const COLUMN_NAMES = Object.keys(COLUMN_OK) as (keyof RoutingColumnsView)[];
interface Sizes {
  providers: number;
  sets: number;
}

/** An array of strings. */
function strings(a: unknown): a is string[] {
  if (!Array.isArray(a)) return false;
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== "string") return false;
  return true;
}

function columnsView(v: Obj, probes: RoutingView["probes"]): RoutingView | null {
  const { providers, capability_sets: sets, models: m } = v;
  if (!strings(providers) || !Array.isArray(sets) || !isObj(m)) return null;
  for (let i = 0; i < sets.length; i++) if (!strings(sets[i])) return null;
  const ids = m["model_id"];
  if (!Array.isArray(ids)) return null;
  const n = ids.length;
  const sizes = { providers: providers.length, sets: sets.length };
  for (const c of COLUMN_NAMES) {
    const column = m[c];
    if (!Array.isArray(column) || column.length !== n || !COLUMN_OK[c](column, sizes)) return null;
  }
  return {
    size: n,
    providers,
    models: m as unknown as RoutingColumnsView,
    capabilitySets: sets,
    probes,
  };
}

// --- observatory.routing/1 -------------------------------------------------------------------

const COLUMNS = ROUTING_COLUMNS.join();

export function isRoutingRow(r: unknown): r is RoutingRowView {
  if (!Array.isArray(r) || r.length !== ROUTING_COLUMNS.length) return false;
  return (
    typeof r[0] === "string" &&
    typeof r[1] === "string" &&
    typeof r[2] === "boolean" &&
    strOrNull(r[3]) &&
    intOrNull(r[4]) &&
    intOrNull(r[5]) &&
    costOrNull(r[6]) &&
    boolOrNull(r[7]) &&
    strOrNull(r[8]) &&
    strOrNull(r[9]) &&
    share(r[10]) &&
    numOrNull(r[11]) &&
    numOrNull(r[12]) &&
    count(r[13])
  );
}

/** The rows turned into columns (old states only: the copy costs what the rows' parse did). */
function rowsView(v: Obj, probes: RoutingView["probes"]): RoutingView | null {
  const { columns, models } = v;
  if (!Array.isArray(columns) || columns.join() !== COLUMNS || !Array.isArray(models)) return null;
  for (let i = 0; i < models.length; i++) if (!isRoutingRow(models[i])) return null;
  const rows = models as RoutingRowView[];
  const providers: string[] = [];
  const providerId = new Map<string, number>();
  const column = <T>(c: number) => rows.map((r) => r[c] as T);
  return {
    size: rows.length,
    providers,
    models: {
      provider: rows.map((r) => {
        let id = providerId.get(r[0]);
        if (id === undefined) {
          id = providers.push(r[0]) - 1;
          providerId.set(r[0], id);
        }
        return id;
      }),
      model_id: column(1),
      present: column(2),
      removed_in: column(3),
      context_length: column(4),
      max_output_tokens: column(5),
      cost_class: column(6),
      supports_tools: column(7),
      deprecation_date: column(8),
      expiration_date: column(9),
      reliability: column(10),
      latency_p50_ms: column(11),
      latency_p95_ms: column(12),
      calls: column(13),
      capabilities: rows.map(() => null),
    },
    capabilitySets: null,
    probes,
  };
}

/** An index probe in the benchmark store's shape, for the drift findings both paths share. */
export function asBenchEntry(p: RoutingProbeView): BenchEntryView {
  return {
    observed_in: p.observed_in,
    last_verdict: p.last_verdict,
    baseline_since: p.baseline_since,
    drift: p.drift,
    state: { streak: p.streak },
  };
}
