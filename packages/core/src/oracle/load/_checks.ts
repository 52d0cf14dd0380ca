// The small value checks the oracle's hand-written guards share (views.ts, routing-view.ts).
import { COST_CLASSES } from "../../registry/cost-classes.js";
import { SEVERITIES } from "../../severity.js";

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v);
export const str = (v: unknown) => typeof v === "string";
export const strOrNull = (v: unknown) => v === null || typeof v === "string";
export const intOrNull = (v: unknown) => v === null || Number.isSafeInteger(v);
export const numOrNull = (v: unknown) =>
  v === null || (typeof v === "number" && Number.isFinite(v));
export const COSTS: ReadonlySet<unknown> = new Set(COST_CLASSES);
export const SEVERITY_SET: ReadonlySet<unknown> = new Set(SEVERITIES);
/** A benchmark store entry's last_verdict values. */
export const VERDICTS: ReadonlySet<unknown> = new Set([
  "BASELINE",
  "MATCH",
  "VARIANT",
  "CANDIDATE",
  "DRIFT",
  "NO_DATA",
]);
/** A recorded drift: the epoch that confirmed it and its severity. */
export const isDrift = (d: unknown) =>
  isObj(d) && str(d["epoch_id"]) && SEVERITY_SET.has(d["severity"]);
