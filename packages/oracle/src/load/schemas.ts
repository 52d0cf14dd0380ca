// The parts of the registry and the benchmark store the oracle reads, as zod views of core's
// schemas. zod drops the keys a view does not name, so the bulky parts (call history, detector
// windows) are neither validated nor copied: at 10,000 models that is most of open()'s time.
import { BenchEntrySchema, RegistryEntrySchema } from "@observatory/core";
import { z } from "zod";

export const RegistryEntryView = RegistryEntrySchema.pick({
  provider: true,
  model_id: true,
  present: true,
  removed_in: true,
  context_length: true,
  max_output_tokens: true,
  cost_class: true,
  supports_tools: true,
  deprecation_date: true,
  expiration_date: true,
  reliability: true,
  latency_p50_ms: true,
  latency_p95_ms: true,
}).extend({
  /** Only its length is used: how many calls stand behind reliability and latency. */
  history: z.array(z.unknown()),
});
export type RegistryEntryView = z.infer<typeof RegistryEntryView>;

export const RegistryView = z.object({
  schema: z.literal("observatory.registry/1"),
  models: z.record(z.string(), RegistryEntryView),
});
export type RegistryView = z.infer<typeof RegistryView>;

const BenchEntryView = BenchEntrySchema.pick({
  observed_in: true,
  last_verdict: true,
  baseline_since: true,
}).extend({
  /** Of the detector state, only the candidate's streak (shown for unconfirmed changes). */
  state: z.object({ streak: z.number().int().nonnegative() }),
});

export const BenchView = z.object({
  schema: z.literal("observatory.benchmarks/1"),
  models: z.record(z.string(), z.record(z.string(), BenchEntryView)),
});
export type BenchView = z.infer<typeof BenchView>;
