// Orders models for each preference. Every chain ends with the key, so two runs over the same
// epoch pick the same model whatever order the registry listed them in; unknown values sort
// last on every dimension (see Row).
import type { Row } from "../model/profile.js";
import type { Preference } from "../options.js";

export type Compare = (a: Row, b: Row) => number;

const asc = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : 0);
const reliability: Compare = (a, b) => asc(b.reliability, a.reliability);
const latency: Compare = (a, b) => asc(a.latency, b.latency);
const context: Compare = (a, b) => asc(b.context, a.context);
const cost: Compare = (a, b) => asc(a.costRank, b.costRank);
/** Code-unit order, not localeCompare: the same answer in every locale. */
const key: Compare = (a, b) =>
  a.profile.key < b.profile.key ? -1 : a.profile.key > b.profile.key ? 1 : 0;

function chain(...cs: Compare[]): Compare {
  return (a, b) => {
    for (const c of cs) {
      const r = c(a, b);
      if (r !== 0) return r;
    }
    return 0;
  };
}

export const COMPARE: Readonly<Record<Preference, Compare>> = {
  reliability: chain(reliability, latency, cost, context, key),
  latency: chain(latency, reliability, cost, context, key),
  context: chain(context, reliability, latency, cost, key),
  cost: chain(cost, reliability, latency, context, key),
};
