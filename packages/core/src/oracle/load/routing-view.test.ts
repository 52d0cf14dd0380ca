// The routing index's hand-written guard (load/routing-view.ts) must accept exactly the objects
// core's zod schema accepts, in both formats (views.test.ts does the same for single rows and
// probes), and both formats must give the same view.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROUTING_COLUMNS, StoredRoutingIndexSchema } from "../../routing/schema.js";
import { routingView } from "./routing-view.js";

const PROBES = {
  "openai/gpt-4o": {
    json: {
      last_verdict: "CANDIDATE",
      streak: 2,
      observed_in: "20260101T000000.000Z-0000",
      baseline_since: "20260101T000000.000Z-0000",
      drift: null,
    },
  },
};

const V2 = {
  schema: "observatory.routing/2",
  providers: ["anthropic", "openai"],
  capability_sets: [["tools"], ["input:text", "output:image"]],
  models: {
    provider: [0, 1, 1],
    model_id: ["sonnet", "gpt-4o", "image-1"],
    present: [true, true, false],
    removed_in: [null, null, "20260101T000000.000Z-0000"],
    context_length: [200_000, 128_000, null],
    max_output_tokens: [null, 16_384, null],
    cost_class: ["high", "mid", null],
    supports_tools: [true, null, false],
    deprecation_date: [null, "2026-12-31", null],
    expiration_date: [null, null, "2027-01-01"],
    reliability: [0.95, 1, null],
    latency_p50_ms: [420.5, 300, null],
    latency_p95_ms: [900, 600, null],
    calls: [20, 5, 0],
    capabilities: [0, null, 1],
  },
  probes: PROBES,
};

/** The same models as observatory.routing/1 rows. */
const V1 = {
  schema: "observatory.routing/1",
  columns: [...ROUTING_COLUMNS],
  models: V2.models.model_id.map((id, i) =>
    ROUTING_COLUMNS.map((c) =>
      c === "provider"
        ? V2.providers[V2.models.provider[i]!]
        : c === "model_id"
          ? id
          : V2.models[c][i],
    ),
  ),
  probes: PROBES,
};

// Values that are valid for some field and wrong for others.
const ODD = fc.constantFrom<unknown>(
  undefined,
  null,
  true,
  0,
  1,
  2,
  3,
  -1,
  0.5,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "",
  "mid",
  "openai",
  "observatory.routing/1",
  [],
  ["tools"],
  [[]],
  [0],
  {},
);

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => structuredClone(v);

/** Sets (or, for undefined, deletes) the value at a path; an element path into an array. */
function setAt(root: Json, path: readonly (string | number)[], v: unknown): void {
  let at: Record<string | number, unknown> = root;
  for (const step of path.slice(0, -1)) {
    const next = at[step];
    if (typeof next !== "object" || next === null) return;
    at = next as Record<string | number, unknown>;
  }
  const last = path.at(-1)!;
  if (v !== undefined) at[last] = v;
  else if (Array.isArray(at) && typeof last === "number") at.splice(last, 1);
  else delete at[last];
}

const COLUMN = fc.constantFrom(...Object.keys(V2.models));

/** Paths into observatory.routing/2: a column element, a whole column, a top-level field. */
const V2_PATH = fc.oneof(
  fc.tuple(fc.constant("models"), COLUMN, fc.nat(3)),
  fc.tuple(fc.constant("models"), COLUMN),
  fc.tuple(fc.constantFrom("providers", "capability_sets"), fc.nat(2)),
  fc.tuple(fc.constant("capability_sets"), fc.nat(2), fc.nat(2)),
  fc.tuple(fc.constantFrom("schema", "providers", "capability_sets", "models", "probes")),
);

/** Paths into observatory.routing/1. */
const V1_PATH = fc.oneof(
  fc.tuple(fc.constant("models"), fc.nat(3), fc.nat(ROUTING_COLUMNS.length)),
  fc.tuple(fc.constant("models"), fc.nat(3)),
  fc.tuple(fc.constant("columns"), fc.nat(ROUTING_COLUMNS.length)),
  fc.tuple(fc.constantFrom("schema", "columns", "models", "probes")),
);

function mutated(base: Json, path: fc.Arbitrary<(string | number)[]>) {
  return fc.array(fc.tuple(path, ODD), { maxLength: 3 }).map((changes) => {
    const v = clone(base);
    for (const [p, x] of changes) setAt(v, p, x);
    return v;
  });
}

describe("the routing index guard agrees with core's schema", () => {
  it("accepts both formats as the writer writes them", () => {
    expect(StoredRoutingIndexSchema.safeParse(V2).success).toBe(true);
    expect(StoredRoutingIndexSchema.safeParse(V1).success).toBe(true);
    expect(routingView(V2)).not.toBeNull();
    expect(routingView(V1)).not.toBeNull();
  });

  it("observatory.routing/2: columns, their lengths, provider and flag set indexes", () => {
    fc.assert(
      fc.property(mutated(V2, V2_PATH), (v) => {
        expect(routingView(v) !== null).toBe(StoredRoutingIndexSchema.safeParse(v).success);
      }),
      { numRuns: 4000 },
    );
  });

  it("observatory.routing/1: rows, the column list, the top-level fields", () => {
    fc.assert(
      fc.property(mutated(V1, V1_PATH), (v) => {
        expect(routingView(v) !== null).toBe(StoredRoutingIndexSchema.safeParse(v).success);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("the routing index view", () => {
  it("is the same columns from either format; only the current one carries flags", () => {
    const v2 = routingView(V2)!;
    const v1 = routingView(V1)!;
    const named = (v: typeof v2) =>
      v.models.model_id.map((id, i) => ({
        key: `${v.providers[v.models.provider[i]!]}/${id}`,
        ...Object.fromEntries(ROUTING_COLUMNS.slice(2).map((c) => [c, v.models[c][i]] as const)),
      }));
    expect(named(v1)).toEqual(named(v2));
    expect(v1.probes).toEqual(v2.probes);
    expect(v2.capabilitySets).toEqual(V2.capability_sets);
    expect(v1.capabilitySets).toBeNull();
  });
});
