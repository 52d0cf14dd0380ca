// The routing index (core's observatory.routing/1) as the oracle reads it, checked by
// hand-written guards like views.ts and for the same reason: zod's copy of 10,000 rows would
// cost more than the open() budget. test/views.test.ts checks the guards agree with the schema.
import { ROUTING_COLUMNS } from "../../routing/columns.js";
import type { SEVERITIES } from "../../severity.js";
import { COSTS, intOrNull, isDrift, isObj, numOrNull, strOrNull, VERDICTS } from "./_checks.js";
import type { BenchEntryView, RegistryEntryView } from "./views.js";

/** One row, in ROUTING_COLUMNS order. */
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

export interface RoutingView {
  rows: RoutingRowView[];
  probes: Record<string, Record<string, RoutingProbeView>>;
}

const COLUMNS = ROUTING_COLUMNS.join();

export function isRoutingRow(r: unknown): r is RoutingRowView {
  if (!Array.isArray(r) || r.length !== ROUTING_COLUMNS.length) return false;
  const rel = r[10];
  return (
    typeof r[0] === "string" &&
    typeof r[1] === "string" &&
    typeof r[2] === "boolean" &&
    strOrNull(r[3]) &&
    intOrNull(r[4]) &&
    intOrNull(r[5]) &&
    (r[6] === null || COSTS.has(r[6])) &&
    (r[7] === null || typeof r[7] === "boolean") &&
    strOrNull(r[8]) &&
    strOrNull(r[9]) &&
    (rel === null || (typeof rel === "number" && rel >= 0 && rel <= 1)) &&
    numOrNull(r[11]) &&
    numOrNull(r[12]) &&
    Number.isSafeInteger(r[13]) &&
    (r[13] as number) >= 0
  );
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

/** The index's rows and probes, or null when the object is not an index the oracle can read. */
export function routingView(v: unknown): RoutingView | null {
  if (!isObj(v) || v["schema"] !== "observatory.routing/1") return null;
  const { columns, models, probes } = v;
  if (!Array.isArray(columns) || columns.join() !== COLUMNS) return null;
  if (!Array.isArray(models) || !isObj(probes)) return null;
  for (let i = 0; i < models.length; i++) if (!isRoutingRow(models[i])) return null;
  for (const k in probes) {
    const byProbe = probes[k];
    if (!isObj(byProbe)) return null;
    for (const p in byProbe) if (!isRoutingProbe(byProbe[p])) return null;
  }
  return { rows: models as RoutingRowView[], probes: probes as RoutingView["probes"] };
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
