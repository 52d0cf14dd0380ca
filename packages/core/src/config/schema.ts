// observatory.config.json: one file for what is otherwise spread over environment variables, as
// a zod schema (the JSON Schema in docs/schemas/config.schema.json is generated from it, so
// editors complete and check the file). Every setting reaches the tools as the environment
// variable it replaces (settings.ts), so the precedence is the same everywhere: a flag, then the
// variable, then this file, then the default.
import { z } from "zod";
import { SeverityThresholdsSchema } from "../drift/severity-thresholds.js";

const positiveInt = z.number().int().positive();
const duration = z
  .string()
  .regex(/^(\d+(\.\d+)?(ms|s|m|h|d)|never)$/, "a duration like 500ms, 45s, 30m, 24h, 7d or never");
const seconds = (max: number) => z.number().min(0.1).max(max);

export const ObservatoryConfigSchema = z.strictObject({
  /** The JSON Schema this file follows, for editors; ignored by the tools. */
  $schema: z.string().optional(),
  /** The state directory (relative to this file). Env OBS_STATE_DIR, flag --state-dir. */
  stateDir: z.string().min(1).optional(),
  /** obs-poll and obs-bench: only these providers. Env OBS_PROVIDERS, flag --providers. */
  providers: z
    .array(z.string().regex(/^[a-z0-9-]+$/, "a provider name like openai"))
    .min(1)
    .optional(),
  /** A probe file adding benchmark prompts (relative to this file). Env OBS_PROBES, flag --probes. */
  probes: z.string().min(1).optional(),
  /** The webhook config (relative to this file). Env OBS_WEBHOOKS, flag --webhooks. */
  webhooks: z.string().min(1).optional(),
  retention: z
    .strictObject({
      /** Full epochs kept in the state directory (history and locked epochs are kept anyway). */
      epochs: z.number().int().min(1).max(100_000).optional(),
    })
    .optional(),
  events: z
    .strictObject({
      /** events.jsonl is rotated (renamed, never deleted) once larger than this many bytes. */
      rotateBytes: z.number().int().min(4096).optional(),
    })
    .optional(),
  poll: z
    .strictObject({
      canaryMax: z.number().int().min(0).max(1000).optional(),
      suspectShare: z.number().gt(0).max(1).optional(),
      suspectPolls: z.number().int().min(1).max(100).optional(),
    })
    .optional(),
  notify: z
    .strictObject({
      /** Seconds one webhook request may take. */
      timeoutSeconds: seconds(600).optional(),
      /** Seconds all of a run's webhook deliveries may take. */
      deadlineSeconds: seconds(3600).optional(),
    })
    .optional(),
  budgets: z
    .strictObject({
      listingBytes: positiveInt.optional(),
      models: positiveInt.optional(),
      pages: positiveInt.optional(),
      listingMs: positiveInt.optional(),
      showBytes: positiveInt.optional(),
    })
    .optional(),
  severity: SeverityThresholdsSchema.optional(),
  oracle: z
    .strictObject({
      /** Measured calls a model needs to be routed. */
      minCalls: z.number().int().min(0).optional(),
      /** How long a confirmed drift counts: "7d", "24h", "never". */
      driftWindow: duration.optional(),
      /** When an epoch is stale: "24h", "30m". */
      staleAfter: duration.optional(),
    })
    .optional(),
});
export type ObservatoryConfig = z.infer<typeof ObservatoryConfigSchema>;
