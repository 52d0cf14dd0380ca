// The one record obs-dash prints (`--json`, or the summary when stdout is not a terminal and
// --json is given): DASH_SUMMARY, the five panels as data. Its zod schema is the contract that
// docs/schemas/records/dash-summary.schema.json is generated from; the tests parse every
// printed summary with it, so the printer and the schema cannot drift apart.
import { SeveritySchema as Severity } from "@observatory/core";
import { z } from "zod";

const ProviderRow = z.object({
  provider: z.string(),
  status: z.enum(["fresh", "carried", "error"]),
  models: z.number().int().nullable(),
  polledAt: z.string().nullable(),
  fromEpoch: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  healthy: z.number().int(),
  unhealthy: z.number().int(),
});

const EventRow = z.object({
  ts: z.string(),
  epochId: z.string().nullable(),
  severity: Severity,
  type: z.string(),
  subject: z.string(),
  description: z.string(),
});

const RegistryRow = z.object({
  key: z.string(),
  provider: z.string(),
  listed: z.boolean(),
  contextLength: z.number().nullable(),
  reliability: z.number().nullable(),
  calls: z.number().int(),
  latencyP50Ms: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  costClass: z.string().nullable(),
  healthy: z.boolean().nullable(),
  health: z.string(),
  reasons: z.array(z.string()),
  warnings: z.array(z.string()),
});

const ProbeCell = z.object({
  state: z.enum([
    "MATCH",
    "BASELINE",
    "VARIANT",
    "CANDIDATE",
    "DRIFT",
    "NO_DATA",
    "REBASELINE",
    "NONE",
  ]),
  label: z.string(),
  baseline: z.string().nullable(),
  candidates: z.array(z.string()),
  streak: z.number().int(),
  observedIn: z.string().nullable(),
  drift: z.object({ epochId: z.string(), severity: z.string(), recent: z.boolean() }).nullable(),
});

const BenchmarkRow = z.object({
  key: z.string(),
  provider: z.string(),
  probes: z.record(z.string(), ProbeCell),
});

const ExperimentRow = z.object({
  name: z.string(),
  format: z.enum(["v2", "v1", "invalid"]),
  scope: z.string(),
  lockedEpochId: z.string().nullable(),
  createdAt: z.string().nullable(),
  notes: z.string(),
  behavior: z.string().nullable(),
  pairs: z.number().int().nullable(),
  status: z.enum(["CLEAN", "VIOLATED", "UNVERIFIED", "INVALID"]),
  counts: z.record(z.string(), z.number()),
  violations: z.array(z.string()),
  warnings: z.array(z.string()),
  lastReport: z
    .object({
      epochId: z.string(),
      ts: z.string(),
      severity: z.string(),
      violations: z.array(z.string()),
    })
    .nullable(),
});

export const DashSummarySchema = z.object({
  type: z.literal("DASH_SUMMARY"),
  /** The record format; bumped when a field changes meaning or goes away. */
  version: z.literal(1),
  state_dir: z.string(),
  epoch: z.object({
    id: z.string(),
    manifest_hash: z.string(),
    created_at: z.string(),
    age_ms: z.number(),
    /** Older than the staleness limit: is obs-poll still running? */
    stale: z.boolean(),
    /** The pointer's epoch did not verify; this is the last good one. */
    fell_back: z.boolean(),
    problems: z.array(z.object({ file: z.string(), reason: z.string() })),
    /** The tool and version that committed the epoch. */
    writer: z.string(),
  }),
  alarms: z.object({
    drifted_models: z.number().int(),
    provider_errors: z.number().int(),
    violated_locks: z.number().int(),
  }),
  notes: z.array(z.string()),
  panels: z.object({
    providers: z.array(ProviderRow),
    events: z.array(EventRow),
    registry: z.array(RegistryRow),
    benchmarks: z.array(BenchmarkRow),
    experiments: z.array(ExperimentRow),
  }),
});
export type DashSummary = z.infer<typeof DashSummarySchema>;

/** Keyed by `type`: every record obs-dash prints. */
export const PRINTED_RECORDS = { DASH_SUMMARY: DashSummarySchema } as const;
