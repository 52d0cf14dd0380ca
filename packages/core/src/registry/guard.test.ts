// The fast registry guard must accept exactly what RegistrySchema accepts: zod stays the source
// of truth, the guard only spares a copy.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRegistry, isRegistryEntry } from "./guard.js";
import { RegistryEntrySchema, RegistrySchema } from "./schema.js";

const ENTRY = {
  provider: "openai",
  model_id: "gpt-4o",
  present: true,
  removed_in: null,
  context_length: 128_000,
  max_output_tokens: 16_384,
  cost_class: "mid",
  supports_tools: true,
  deprecation_date: null,
  expiration_date: "2026-12-31",
  history: [
    { epoch_id: "20260101T000000.000Z-0000", outcome: "ok", latency_ms: 420 },
    { epoch_id: "20260102T000000.000Z-0000", outcome: "rate_limited", latency_ms: null },
  ],
  reliability: 0.95,
  latency_p50_ms: 420,
  latency_p95_ms: 900,
  identity: { resolved_model: "gpt-4o-2024-08-06", system_fingerprint: "fp_1" },
};

// Values that are valid for some field and wrong for others.
const ODD = fc.constantFrom<unknown>(
  null,
  undefined,
  true,
  0,
  1,
  -1,
  0.5,
  1.5,
  128_000.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "",
  "mid",
  "ok",
  [],
  {},
  { resolved_model: 1 },
  { epoch_id: "e", outcome: "ok", latency_ms: -1 },
);

type Path = Array<string | number>;
const PATHS: Path[] = [
  ...Object.keys(ENTRY).map((k) => [k]),
  ["history", 0],
  ["history", 0, "epoch_id"],
  ["history", 0, "outcome"],
  ["history", 1, "latency_ms"],
  ["identity", "resolved_model"],
  ["identity", "digest"],
];

function setPath(root: Record<string, unknown>, path: Path, v: unknown): void {
  let o = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) {
    const next = o[k];
    if (typeof next !== "object" || next === null) return;
    o = next as Record<string | number, unknown>;
  }
  const last = path.at(-1)!;
  if (v === undefined) delete o[last];
  else o[last] = v;
}

const mutated = fc
  .array(fc.tuple(fc.constantFrom(...PATHS), ODD), { maxLength: 3 })
  .map((changes) => {
    const e = structuredClone(ENTRY) as Record<string, unknown>;
    for (const [path, v] of changes) setPath(e, path, v);
    return e;
  });

describe("the registry guard agrees with RegistrySchema", () => {
  it("on entries, including call windows and serving identity", () => {
    expect(isRegistryEntry(ENTRY)).toBe(true);
    fc.assert(
      fc.property(mutated, (e) => {
        expect(isRegistryEntry(e)).toBe(RegistryEntrySchema.safeParse(e).success);
      }),
      { numRuns: 3000 },
    );
  });

  it("on whole registries", () => {
    const reg = (over: Record<string, unknown>) => ({
      schema: "observatory.registry/1",
      window: 20,
      models: { "openai/gpt-4o": ENTRY },
      ...over,
    });
    for (const r of [
      reg({}),
      reg({ window: 0 }),
      reg({ window: 2.5 }),
      reg({ schema: "observatory.registry/2" }),
      reg({ models: [] }),
      reg({ models: { k: { ...ENTRY, present: "yes" } } }),
      reg({ models: {} }),
    ]) {
      expect(isRegistry(r)).toBe(RegistrySchema.safeParse(r).success);
    }
  });
});
