// The route filter language of obs-oracle (and of config files): comma-separated terms such as
// "context>200000,reliability>0.9,cost<=mid,prefer=latency", parsed into a RouteQuery. Terms are
// keyed by the RouteQuery option they set, so an option added to the SDK without a term here
// fails to compile. Comparisons mean what they say: context>200000 excludes exactly 200000.
import { ExitCode, ObsError } from "../errors.js";
import { COST_CLASSES, type CostClass } from "../registry/cost-classes.js";
import { SEVERITIES } from "../severity.js";
import { OracleErrorCode } from "./errors.js";
import { MODALITIES } from "./model/modality.js";
import { PREFERENCES, type RouteQuery } from "./options.js";

type Op = ">" | ">=" | "<" | "<=" | "=";
type Set = (q: RouteQuery, op: Op, value: string) => void;
interface Term {
  field: string;
  ops: readonly Op[];
  help: string;
  set: Set;
}

/** Thrown inside a setter; the parser adds the term it came from. */
class TermError extends Error {}

const TERMS: { [K in keyof Required<RouteQuery>]: Term } = {
  minContext: {
    field: "context",
    ops: [">", ">="],
    help: "context>200000, context>=128k (k and m suffixes)",
    set: (q, op, v) => {
      const n = tokens(v);
      q.minContext = op === ">" ? n + 1 : n;
    },
  },
  minReliability: {
    field: "reliability",
    ops: [">", ">="],
    help: "reliability>0.9 (0 to 1)",
    set: (q, op, v) => {
      const n = Number(v);
      if (v.trim() === "" || !Number.isFinite(n) || n < 0 || n > 1)
        throw new TermError(`"${v}" is not a number from 0 to 1`);
      // For doubles, x > n exactly when x >= the next double above n.
      q.minReliability = op === ">" ? nextUp(n) : n;
    },
  },
  maxCost: {
    field: "cost",
    ops: ["<=", "<"],
    help: `cost<=mid (${COST_CLASSES.join(" < ")})`,
    set: (q, op, v) => {
      const i = COST_CLASSES.indexOf(v.toLowerCase() as CostClass);
      if (i < 0) throw new TermError(`"${v}" is not a cost class (${COST_CLASSES.join(", ")})`);
      const max = op === "<" ? COST_CLASSES[i - 1] : COST_CLASSES[i];
      if (max === undefined) throw new TermError("nothing is cheaper than free");
      q.maxCost = max;
    },
  },
  maxLatencyMs: {
    field: "latency",
    ops: ["<=", "<"],
    help: "latency<=800 (median, milliseconds; 2s also works)",
    set: (q, op, v) => {
      const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(v.trim());
      if (!m) throw new TermError(`"${v}" is not a duration like 800, 800ms or 2s`);
      const ms = Number(m[1]) * (m[2] === "s" ? 1000 : 1);
      q.maxLatencyMs = op === "<" ? nextDown(ms) : ms;
    },
  },
  provider: {
    field: "provider",
    ops: ["="],
    help: "provider=anthropic",
    set: (q, _op, v) => {
      if (!/^[a-z0-9][a-z0-9._-]*$/i.test(v)) throw new TermError(`"${v}" is not a provider name`);
      q.provider = v;
    },
  },
  requireTools: {
    field: "tools",
    ops: ["="],
    help: "tools=yes (only models that support tool calls)",
    set: (q, _op, v) => {
      q.requireTools = flag(v, ["yes", "true"], ["no", "false", "any"]);
    },
  },
  minCalls: {
    field: "calls",
    ops: [">=", ">"],
    help: "calls>=10 (measured calls a model needs to be routed; default 5, calls>=0 for none)",
    set: (q, op, v) => {
      if (!/^\d+$/.test(v)) throw new TermError(`"${v}" is not a whole number of calls`);
      const n = Number(v) + (op === ">" ? 1 : 0);
      if (!Number.isSafeInteger(n)) throw new TermError(`"${v}" is too large`);
      q.minCalls = n;
    },
  },
  modality: {
    field: "modality",
    ops: ["="],
    help: `modality=image (what it gives out: ${MODALITIES.join(", ")}; default text)`,
    set: (q, _op, v) => {
      const m = MODALITIES.find((x) => x === v.toLowerCase());
      if (!m) throw new TermError(`"${v}" is not one of ${MODALITIES.join(", ")}`);
      q.modality = m;
    },
  },
  prefer: {
    field: "prefer",
    ops: ["="],
    help: `prefer=latency (${PREFERENCES.join(", ")})`,
    set: (q, _op, v) => {
      const p = PREFERENCES.find((x) => x === v.toLowerCase());
      if (!p) throw new TermError(`"${v}" is not one of ${PREFERENCES.join(", ")}`);
      q.prefer = p;
    },
  },
  excludeDrift: {
    field: "drift",
    ops: ["=", ">="],
    help: "drift=exclude (default), drift=include, drift>=HIGH (exclude only drifts this severe)",
    set: (q, op, v) => {
      if (op === ">=") {
        const s = SEVERITIES.find((x) => x === v.toUpperCase());
        if (!s) throw new TermError(`"${v}" is not a severity (${SEVERITIES.join(" < ")})`);
        q.excludeDrift = s;
      } else q.excludeDrift = flag(v, ["exclude"], ["include"]);
    },
  },
  excludeDeprecated: {
    field: "deprecated",
    ops: ["="],
    help: "deprecated=include (default exclude)",
    set: (q, _op, v) => {
      q.excludeDeprecated = flag(v, ["exclude"], ["include"]);
    },
  },
  excludeExpired: {
    field: "expired",
    ops: ["="],
    help: "expired=include (default exclude)",
    set: (q, _op, v) => {
      q.excludeExpired = flag(v, ["exclude"], ["include"]);
    },
  },
};

const BY_FIELD = new Map(Object.values(TERMS).map((t) => [t.field, t]));
const TERM = /^([a-z_]+)\s*(>=|<=|>|<|=)\s*(.*)$/i;

/** One line per term, for --help and error hints. */
export const FILTER_HELP: readonly string[] = Object.values(TERMS).map((t) => t.help);

/** Parses a filter string; throws ObsError FILTER_INVALID (exit 2) naming the bad term. */
export function parseRouteFilter(filter: string): RouteQuery {
  const q: RouteQuery = {};
  const seen = new Set<string>();
  if (filter.trim() === "") return q;
  for (const raw of filter.split(",")) {
    const term = raw.trim();
    const m = TERM.exec(term);
    if (!m) throw bad(term, 'expected FIELD OP VALUE, e.g. "context>200000"');
    const [, name, op, value] = m as unknown as [string, string, Op, string];
    const spec = BY_FIELD.get(name.toLowerCase());
    if (!spec)
      throw bad(term, `unknown field "${name}" (known: ${[...BY_FIELD.keys()].join(", ")})`);
    if (!spec.ops.includes(op))
      throw bad(term, `${spec.field} takes ${spec.ops.join(" or ")}, e.g. ${spec.help}`);
    if (seen.has(spec.field)) throw bad(term, `${spec.field} is given twice`);
    seen.add(spec.field);
    try {
      spec.set(q, op, value.trim());
    } catch (e) {
      if (e instanceof TermError) throw bad(term, e.message);
      throw e;
    }
  }
  return q;
}

function bad(term: string, why: string): ObsError {
  return new ObsError(OracleErrorCode.FILTER_INVALID, `bad filter term "${term}": ${why}`, {
    hint: `terms are comma-separated: ${FILTER_HELP.slice(0, 4).join("; ")}; see obs-oracle route --help`,
    exitCode: ExitCode.USAGE,
  });
}

function tokens(v: string): number {
  const m = /^(\d+)([km])?$/i.exec(v.trim());
  if (!m) throw new TermError(`"${v}" is not a token count like 200000 or 200k`);
  const n = Number(m[1]) * (m[2] === undefined ? 1 : m[2].toLowerCase() === "k" ? 1e3 : 1e6);
  if (!Number.isSafeInteger(n)) throw new TermError(`"${v}" is too large`);
  return n;
}

function flag(v: string, yes: readonly string[], no: readonly string[]): boolean {
  const s = v.toLowerCase();
  if (yes.includes(s)) return true;
  if (no.includes(s)) return false;
  throw new TermError(`"${v}" is not one of ${[...yes, ...no].join(", ")}`);
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** The smallest double greater than a finite, non-negative n. */
function nextUp(n: number): number {
  if (n === 0) return Number.MIN_VALUE;
  f64[0] = n;
  u64[0]! += 1n;
  return f64[0]!;
}

/** The largest double smaller than a finite, positive n (0 stays 0: latency is never negative). */
function nextDown(n: number): number {
  if (n === 0) return 0;
  f64[0] = n;
  u64[0]! -= 1n;
  return f64[0]!;
}
