// The benchmark store: drift-detector state per (provider, model, probe), plus when each was
// last observed, so a lock can tell baselines measured in its epoch from stale ones.
import { z } from "zod";
import { DetectorParamsSchema, DetectorStateSchema } from "../drift/detector-state.js";
import { SeveritySchema } from "../severity-schema.js";

export const BenchEntrySchema = z.object({
  state: DetectorStateSchema,
  /** The epoch of the last poll that produced data for this probe. */
  observed_in: z.string().nullable(),
  /** That poll's verdict. */
  last_verdict: z
    .enum(["BASELINE", "MATCH", "VARIANT", "CANDIDATE", "DRIFT", "NO_DATA"])
    .nullable(),
  /** The epoch whose poll set the current baseline (a first baseline, a rebaseline or a drift). */
  baseline_since: z.string().nullable(),
  /** The last confirmed drift on this probe: when, and how severe (the probe's tier severity,
   * kept here because a user probe's severity lives only in the probe file). Remains after the
   * next polls match the new baseline, so readers can apply their own recency window. */
  drift: z.object({ epoch_id: z.string(), severity: SeveritySchema }).nullable().default(null),
});
export type BenchEntry = z.infer<typeof BenchEntrySchema>;

export const BenchmarkStoreSchema = z.object({
  schema: z.literal("observatory.benchmarks/1"),
  params: DetectorParamsSchema,
  /** Keyed "provider/model_id", then probe id. */
  models: z.record(z.string(), z.record(z.string(), BenchEntrySchema)),
});
export type BenchmarkStore = z.infer<typeof BenchmarkStoreSchema>;
