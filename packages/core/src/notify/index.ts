export {
  deferCooldowns,
  deliveredKeys,
  MAX_DELIVERY_TRIES,
  type SettledCooldowns,
  settleCooldowns,
} from "./cooldown.js";
export { describeEvent, eventSubject } from "./describe-event.js";
export { loadWebhookConfig, loadWebhooksForRun, type WebhookSetup } from "./load-config.js";
export { cooldownKey, type Delivery, emptyCooldowns, planDeliveries, toPayload } from "./plan.js";
export { renderBody } from "./render.js";
export * from "./schema.js";
