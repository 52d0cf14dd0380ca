// Webhook configuration, the payloads we send, and the persisted cooldown state. Delivery over
// HTTP lives in @observatory/notify; core only decides what goes where.
import { z } from "zod";
import { SeveritySchema } from "../severity-schema.js";

export const HookSchema = z.object({
  /** A label for messages; the URL itself is never printed whole. */
  name: z.string().optional(),
  type: z.enum(["discord", "slack", "generic"]).default("generic"),
  url: z.url({ protocol: /^https?$/ }),
  /** Only events at or above this severity reach the hook. */
  min_severity: SeveritySchema.default("INFO"),
});
export type Hook = z.infer<typeof HookSchema>;

const ConfigObject = z.object({
  webhooks: z.array(HookSchema),
  /** Minimum seconds between two notifications for the same event key. CRITICAL ignores it. */
  cooldown_seconds: z.number().nonnegative().default(300),
});
/** webhooks.json: `{webhooks: [...], cooldown_seconds}` or, as v1 allowed, a bare list of hooks. */
export const WebhookConfigSchema = z.union([
  ConfigObject,
  z.array(HookSchema).transform((webhooks) => ({ webhooks, cooldown_seconds: 300 })),
]);
export type WebhookConfig = z.infer<typeof ConfigObject>;

/** The generic payload; Discord and Slack bodies are rendered from the same fields. */
export const WebhookPayloadSchema = z.object({
  source: z.literal("model-observatory"),
  severity: SeveritySchema,
  event_type: z.string(),
  epoch_id: z.string().nullable(),
  provider: z.string().nullable(),
  model_id: z.string().nullable(),
  message: z.string(),
  timestamp: z.string(),
  event: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

/** Persisted in each epoch, so cooldowns hold across separate cron runs. */
export const CooldownStateSchema = z.object({
  schema: z.literal("observatory.cooldowns/1"),
  /** Event key -> ISO time of the last notification for it that was delivered. */
  last_sent: z.record(z.string(), z.string()),
  /** Notifications planned in `pending_epoch` whose delivery (after the lock was released) is
   * not confirmed yet. Only a confirmed delivery starts a cooldown; the rest are sent again. */
  pending: z
    .record(
      z.string(),
      z.object({
        at: z.string(),
        /** Runs that have tried to deliver it; given up after MAX_DELIVERY_TRIES. */
        tries: z.number().int().positive(),
        /** The event as committed, to send it again in a later run. */
        event: z.record(z.string(), z.unknown()),
      }),
    )
    .optional(),
  pending_epoch: z.string().optional(),
});
export type CooldownState = z.infer<typeof CooldownStateSchema>;
