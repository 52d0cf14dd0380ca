// The closed event taxonomy. Every line of events.jsonl is one of these, validated on write and
// on read. Each event carries the epoch it belongs to, its time and a severity on the one scale.
import { z } from "zod";
import { SeveritySchema } from "../severity-schema.js";
import { EpochIdSchema } from "../state/schemas.js";

const base = {
  v: z.literal(2),
  /** The epoch this event belongs to; null only for events logged before any epoch exists. */
  epoch_id: EpochIdSchema.nullable(),
  ts: z.iso.datetime({ offset: true }),
  severity: SeveritySchema,
};
const modelRef = { provider: z.string().min(1), model_id: z.string().min(1) };
const probeRef = { ...modelRef, probe: z.string().min(1), tier: z.number().int().nonnegative() };
const outcome = z.object({ kind: z.string(), message: z.string(), status: z.number().optional() });

export const FieldChangeSchema = z.object({
  path: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

/** Why a drift was confirmed: the detector's own evidence, so a reader can check the call. */
export const DriftEvidenceSchema = z.object({
  old_value: z.string(),
  new_value: z.string(),
  /** "streak": the new value was the mode of K consecutive polls; "frequency": >= T of the window. */
  rule: z.enum(["streak", "frequency"]),
  /** Canonical values of the confirming poll's samples, first call first. */
  samples: z.array(z.string()),
  streak: z.number().int().nonnegative(),
  window_frequency: z.number().min(0).max(1),
  window_size: z.number().int().nonnegative(),
});

function ev<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.object({ ...base, type: z.literal(type), ...shape });
}

export const EventSchema = z.discriminatedUnion("type", [
  ev("MODEL_ADDED", { ...modelRef, fingerprint: z.string() }),
  ev("MODEL_REMOVED", { ...modelRef, fingerprint: z.string().optional() }),
  ev("METADATA_CHANGED", {
    ...modelRef,
    changes: z.array(FieldChangeSchema),
    old_fingerprint: z.string(),
    new_fingerprint: z.string(),
  }),
  ev("IDENTITY_CHANGED", {
    ...modelRef,
    field: z.string(),
    before: z.string().nullable(),
    after: z.string().nullable(),
  }),
  ev("CANARY_RESULT", {
    ...modelRef,
    ok: z.boolean(),
    latency_ms: z.number().nonnegative().nullable(),
    reason: z.enum(["new", "changed", "requested"]),
    error: outcome.optional(),
  }),
  ev("BENCHMARK_RESULT", {
    ...probeRef,
    verdict: z.enum(["MATCH", "VARIANT", "CANDIDATE", "DRIFT", "NO_DATA", "BASELINE"]),
    value: z.string().nullable(),
    calls: z.number().int().nonnegative(),
  }),
  ev("BENCHMARK_VARIANT", {
    ...probeRef,
    baseline: z.string(),
    samples: z.array(z.string()),
  }),
  ev("BENCHMARK_FAILURE", { ...probeRef, error: outcome }),
  ev("BENCHMARK_MISSING", { ...probeRef, lock: z.string().optional(), reason: z.string() }),
  ev("BEHAVIOR_DRIFT", { ...probeRef, evidence: DriftEvidenceSchema }),
  ev("MIGRATION_REBASELINE", {
    provider: z.string().optional(),
    count: z.number().int().nonnegative(),
    from_scheme: z.string(),
    to_scheme: z.string(),
  }),
  ev("STATE_CORRUPT", {
    file: z.string(),
    reason: z.string(),
    quarantined_to: z.string().nullable(),
  }),
  ev("POLL_ERROR", { provider: z.string().min(1), error: outcome }),
  ev("EPOCH_ABORTED", { aborted_epoch_id: EpochIdSchema, reason: z.string() }),
  ev("EXPERIMENT_DRIFT", {
    lock: z.string().min(1),
    locked_epoch_id: EpochIdSchema,
    violations: z.array(z.object({ kind: z.string(), detail: z.string() })),
  }),
  ev("WEBHOOK_FAILED", {
    hook: z.string(),
    reason: z.string(),
    status: z.number().int().optional(),
    event_type: z.string().optional(),
  }),
  /** Logged after a run's deliveries (outside its commit): the cooldown keys every planned hook
   * accepted. Only these start a cooldown; the next run folds them into the cooldown state. */
  ev("WEBHOOKS_DELIVERED", {
    for_epoch: EpochIdSchema,
    keys: z.array(z.string()),
    failed: z.number().int().nonnegative(),
  }),
  /** The webhook config could not be used; the run went on without webhooks. */
  ev("WEBHOOK_CONFIG_INVALID", { file: z.string(), reason: z.string() }),
  /** A 200 listing that lost most of its models at once: held as suspect, the previous snapshot
   * carried forward, until the shrink persists for `polls_required` polls. */
  ev("LISTING_SUSPECT", {
    provider: z.string().min(1),
    previous_models: z.number().int().nonnegative(),
    listed_models: z.number().int().nonnegative(),
    removed_models: z.number().int().nonnegative(),
    streak: z.number().int().positive(),
    polls_required: z.number().int().positive(),
  }),
  /** Something in a listing was kept but is worth a look (an unsafe number kept as a decimal
   * string, a duplicate id). */
  ev("LISTING_WARNING", {
    provider: z.string().min(1),
    kind: z.string(),
    model_id: z.string().optional(),
    message: z.string(),
  }),
]);
export type ObsEvent = z.infer<typeof EventSchema>;
export type EventType = ObsEvent["type"];
export const EVENT_TYPES = EventSchema.options.map((o) => o.shape.type.value) as EventType[];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event before the commit stamps it: no version, epoch or time yet. */
export type EventDraft = DistributiveOmit<ObsEvent, "v" | "epoch_id" | "ts">;

/** The last NDJSON record a committing tool prints: `obs-poll | obs-check` checks this epoch. */
export const EpochCommittedRecordSchema = z.object({
  type: z.literal("EPOCH_COMMITTED"),
  /** Record-format version. Readers accept a record without it (tools before 0.2 omitted it). */
  version: z.literal(1).optional(),
  epoch_id: EpochIdSchema,
  manifest_hash: z.string().regex(/^[0-9a-f]{64}$/),
  tool: z.string(),
  providers: z.record(z.string(), z.enum(["fresh", "carried_forward", "error"])),
  events: z.number().int().nonnegative(),
});
export type EpochCommittedRecord = z.infer<typeof EpochCommittedRecordSchema>;

/** How a run of a writing tool (obs-poll, obs-bench) ended, as its run record says. */
export const RUN_STATUSES = [
  /** An epoch was committed: `epoch_id` names it. */
  "committed",
  /** The run ended without committing (every provider failed, nothing to do, a usage error). */
  "nothing_committed",
  /** Another instance held the state directory's lock; this run skipped. */
  "locked",
  /** The run lost its lock or the pointer moved while it was paused; nothing committed. */
  "lock_lost",
  /** Interrupted by a signal; `epoch_id` names what was committed of the work done, if any. */
  "interrupted",
  /** The state directory could not be read or written. */
  "failed",
] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/**
 * The very last NDJSON record every run of obs-poll and obs-bench prints, whatever happened, so
 * that a reader at the other end of a pipe (obs-check) can tell "committed epoch X" from "this
 * run committed nothing" instead of silently checking an older epoch.
 */
export const RunRecordSchema = z.object({
  type: z.literal("RUN"),
  version: z.literal(1),
  tool: z.string(),
  status: RunStatusSchema,
  /** The epoch this run committed; null when it committed none. */
  epoch_id: EpochIdSchema.nullable(),
  manifest_hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  /** The process exit code the run ends with. */
  exit_code: z.number().int().nonnegative(),
  /** Why nothing was committed (the error message, redacted and single-line); null otherwise. */
  reason: z.string().nullable(),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;
