// The hand checks of route queries and open() options (options.ts, no zod at run time) against
// the zod schemas that describe the same values (options-schema.ts): for any mix of keys and
// values, both accept or both refuse.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { optionProblems, queryProblems, resolveQuery } from "./options.js";
import { OptionsSchema, RouteQuerySchema } from "./options-schema.js";

const VALUES = fc.constantFrom<unknown>(
  -1,
  0,
  0.5,
  1,
  1.5,
  2,
  7,
  2 ** 60,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  "5",
  "",
  "mid",
  "premium",
  "smell",
  "text",
  "image",
  "any",
  "latency",
  "cost",
  "HIGH",
  "INFO",
  "openai",
  true,
  false,
  null,
  undefined,
  [],
  {},
);
const QUERY_KEYS = Object.keys(RouteQuerySchema.shape);
const OPTION_KEYS = Object.keys(OptionsSchema.shape);

function record(keys: string[]) {
  return fc.dictionary(fc.constantFrom(...keys, "min_context", "prefer2"), VALUES, {
    maxKeys: 4,
  });
}

describe("route query checks", () => {
  it("accept exactly what RouteQuerySchema accepts", () => {
    fc.assert(
      fc.property(record(QUERY_KEYS), (q) => {
        expect(queryProblems(q).length === 0, JSON.stringify(q)).toBe(
          RouteQuerySchema.safeParse(q).success,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("name each bad key, what it allows and what it got", () => {
    expect(queryProblems({ minReliability: 2, maxCost: "cheap", min_context: 5 })).toEqual([
      "minReliability: expected a number from 0 to 1, got 2",
      'maxCost: expected one of free, low, mid, high, premium, got "cheap"',
      `min_context: not a query key (${QUERY_KEYS.join(", ")})`,
    ]);
    expect(() => resolveQuery([] as never)).toThrow("bad route query: (root): expected an object");
  });
});

describe("open() option checks", () => {
  it("accept exactly what OptionsSchema accepts (other keys are not its business)", () => {
    fc.assert(
      fc.property(record(OPTION_KEYS), (o) => {
        expect(optionProblems(o).length === 0, JSON.stringify(o)).toBe(
          OptionsSchema.safeParse(o).success,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("take Infinity as no limit for the windows, never NaN", () => {
    expect(optionProblems({ driftWindowMs: Number.POSITIVE_INFINITY })).toEqual([]);
    expect(optionProblems({ staleAfterMs: Number.NaN })).toEqual([
      "staleAfterMs: expected a number of milliseconds >= 0 (Infinity: no limit), got NaN",
    ]);
  });
});
