// Orders models for each preference. Every chain ends with the table index, which is key order,
// so two runs over the same epoch pick the same model whatever order the registry listed them
// in. Unknown values are encoded to sort last on every dimension (see model/table.ts).
import type { ModelTable } from "../model/table.js";
import type { Preference } from "../options.js";

/** Negative when model a is better than model b. */
export type Compare = (t: ModelTable, a: number, b: number) => number;

const asc = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : 0);
const reliability: Compare = (t, a, b) => asc(t.reliability[b]!, t.reliability[a]!);
const latency: Compare = (t, a, b) => asc(t.latency[a]!, t.latency[b]!);
const context: Compare = (t, a, b) => asc(t.context[b]!, t.context[a]!);
const cost: Compare = (t, a, b) => asc(t.costRank[a]!, t.costRank[b]!);

function chain(c1: Compare, c2: Compare, c3: Compare, c4: Compare): Compare {
  return (t, a, b) => c1(t, a, b) || c2(t, a, b) || c3(t, a, b) || c4(t, a, b) || a - b;
}

export const COMPARE: Readonly<Record<Preference, Compare>> = {
  reliability: chain(reliability, latency, cost, context),
  latency: chain(latency, reliability, cost, context),
  context: chain(context, reliability, latency, cost),
  cost: chain(cost, reliability, latency, context),
};
