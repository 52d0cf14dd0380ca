// The JSON records obs-oracle prints, one per run on stdout: the SDK's answers as they are, plus
// `type` and `version` (the record format; a change that is not backwards compatible bumps it).
// These zod schemas are the contract: docs/schemas is generated from PRINTED_RECORDS, and the
// tests parse the bin's real output with them, so a record cannot drift from its schema unseen.
// Field names are the SDK's (camelCase): the CLI prints what routing code gets. The arrays of a
// profile are readonly, as the SDK hands them out.
import {
  COST_CLASSES,
  HEALTH_CODES,
  MODALITIES,
  PREFERENCES,
  SEVERITIES,
  WARNING_CODES,
} from "@observatory/core";
import { z } from "zod";

const Severity = z.enum(SEVERITIES);
const Cost = z.enum(COST_CLASSES);
const HealthCode = z.enum(HEALTH_CODES);

export const EpochInfoSchema = z.strictObject({
  id: z.string(),
  manifestHash: z.string(),
  createdAt: z.string(),
  ageMs: z.number().nonnegative(),
  stale: z.boolean(),
  fellBack: z.boolean(),
  problems: z.array(z.strictObject({ file: z.string(), reason: z.string() })),
});

export const ModelProfileSchema = z.strictObject({
  key: z.string(),
  provider: z.string(),
  modelId: z.string(),
  listed: z.boolean(),
  removedIn: z.string().nullable(),
  providerStatus: z.enum(["fresh", "carried_forward", "error", "absent"]),
  contextLength: z.number().int().nullable(),
  maxOutputTokens: z.number().int().nullable(),
  costClass: Cost.nullable(),
  supportsTools: z.boolean().nullable(),
  modalities: z
    .strictObject({
      input: z.array(z.string()).readonly(),
      output: z.array(z.string()).min(1).readonly(),
    })
    .nullable(),
  deprecationDate: z.string().nullable(),
  expirationDate: z.string().nullable(),
  reliability: z.number().min(0).max(1).nullable(),
  latencyP50Ms: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  calls: z.number().int().nonnegative(),
  drift: z
    .array(
      z.strictObject({
        probe: z.string(),
        severity: Severity,
        severityKnown: z.boolean(),
        epochId: z.string(),
        recent: z.boolean(),
      }),
    )
    .readonly(),
  pending: z
    .array(z.strictObject({ probe: z.string(), streak: z.number().int().nonnegative() }))
    .readonly(),
});

export const ResolvedQuerySchema = z.strictObject({
  minContext: z.number().int().nullable(),
  minReliability: z.number().nullable(),
  maxCost: Cost.nullable(),
  maxLatencyMs: z.number().nullable(),
  provider: z.string().nullable(),
  requireTools: z.boolean(),
  minCalls: z.number().int().nonnegative(),
  modality: z.enum(MODALITIES),
  prefer: z.enum(PREFERENCES),
  excludeDrift: Severity.nullable(),
  excludeDeprecated: z.boolean(),
  excludeExpired: z.boolean(),
});

const count = z.number().int().nonnegative();
export const ExclusionCountsSchema = z.strictObject({
  ...Object.fromEntries(HEALTH_CODES.map((c) => [c, count])),
  MODALITY: count,
  FILTERED: count,
} as Record<(typeof HEALTH_CODES)[number] | "MODALITY" | "FILTERED", typeof count>);

const ReasonSchema = z.strictObject({
  code: z.enum([...HEALTH_CODES, ...WARNING_CODES]),
  message: z.string(),
});

const header = <T extends string>(type: T) => ({ type: z.literal(type), version: z.literal(1) });

/** `obs-oracle route`: the pick (or null), why the others were left out, the query, the epoch. */
export const RouteRecordSchema = z.strictObject({
  ...header("ORACLE_ROUTE"),
  model: ModelProfileSchema.nullable(),
  /** Models that pass every gate and filter. */
  matched: count,
  /** Models the epoch knows. */
  considered: count,
  excluded: ExclusionCountsSchema,
  query: ResolvedQuerySchema,
  epoch: EpochInfoSchema,
});

/** `obs-oracle status KEY` and `obs-oracle healthy KEY`. */
export const StatusRecordSchema = z.strictObject({
  ...header("ORACLE_STATUS"),
  key: z.string(),
  found: z.boolean(),
  healthy: z.boolean(),
  reasons: z.array(ReasonSchema),
  warnings: z.array(ReasonSchema),
  model: ModelProfileSchema.nullable(),
  suggestions: z.array(z.string()),
  epoch: EpochInfoSchema,
});

/** `obs-oracle list`: every listed model, ordered by `by`, with its health. */
export const ListRecordSchema = z.strictObject({
  ...header("ORACLE_LIST"),
  by: z.enum(PREFERENCES),
  models: z.array(
    z.strictObject({
      model: ModelProfileSchema,
      healthy: z.boolean(),
      reason: HealthCode.nullable(),
    }),
  ),
  epoch: EpochInfoSchema,
});

/** `obs-oracle policy`: one pick (or none) per role. */
export const PolicyRecordSchema = z.strictObject({
  ...header("ORACLE_POLICY"),
  roles: z.array(
    z.strictObject({
      role: z.string(),
      description: z.string(),
      query: ResolvedQuerySchema,
      model: ModelProfileSchema.nullable(),
    }),
  ),
  epoch: EpochInfoSchema,
});

/** `obs-oracle` with no command: counts over the epoch. */
export const SummaryRecordSchema = z.strictObject({
  ...header("ORACLE_SUMMARY"),
  listed: count,
  healthy: count,
  drifted: count,
  epoch: EpochInfoSchema,
});

export type RouteRecord = z.infer<typeof RouteRecordSchema>;
export type StatusRecord = z.infer<typeof StatusRecordSchema>;
export type ListRecord = z.infer<typeof ListRecordSchema>;
export type PolicyRecord = z.infer<typeof PolicyRecordSchema>;
export type SummaryRecord = z.infer<typeof SummaryRecordSchema>;

/** Every record type obs-oracle prints, keyed by its `type`. */
export const PRINTED_RECORDS = {
  ORACLE_ROUTE: RouteRecordSchema,
  ORACLE_STATUS: StatusRecordSchema,
  ORACLE_LIST: ListRecordSchema,
  ORACLE_POLICY: PolicyRecordSchema,
  ORACLE_SUMMARY: SummaryRecordSchema,
} as const;
