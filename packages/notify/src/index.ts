// @observatory/notify: webhook delivery over HTTP. Core decides what to send; this sends it.
export {
  type DeliverOptions,
  type DeliveryResult,
  deliver,
  failureEvents,
  hookLabel,
} from "./deliver.js";
