// The writer's merge and diff at provider scale: one provider listing 200k models, compared with
// a previous listing of 200k where 1% changed price, 10% are gone and 10% are new, then merged.
// Measured at 50k and at 200k: linear work grows 4x, quadratic work 16x.
import { FINGERPRINT_SCHEME, type ModelRecord, type Snapshot } from "@observatory/core";
import { mergeListings } from "../src/run/merge.js";
import { structuralChanges } from "../src/run/structural.js";

const snapshot = (models: ModelRecord[]): Snapshot => ({
  schema: "observatory.snapshot/1",
  provider: "openrouter",
  fingerprint_scheme: FINGERPRINT_SCHEME,
  models,
});

function pair(n: number): [Snapshot, Snapshot] {
  const id = (i: number) => `vendor/model-${String(i).padStart(7, "0")}`;
  const before: ModelRecord[] = [];
  const after: ModelRecord[] = [];
  for (let i = 0; i < n; i++) {
    before.push({ id: id(i), context_length: 8192, pricing: { prompt: "0.000001" } });
    if (i % 10 === 0) continue; // gone
    after.push({
      id: id(i),
      context_length: 8192,
      pricing: { prompt: i % 100 === 1 ? "0.000002" : "0.000001" },
    });
  }
  for (let i = n; i < n + n / 10; i++) after.push({ id: id(i), context_length: 4096 });
  return [snapshot(before), snapshot(after)];
}

export function measureScale(n: number): number {
  const [before, after] = pair(n);
  const t0 = performance.now();
  const structural = structuralChanges("openrouter", before, after);
  mergeListings([
    {
      provider: "openrouter",
      listing: { ok: true, snapshot: after, structural, unchanged: false },
      canaries: [],
    },
  ]);
  return performance.now() - t0;
}
