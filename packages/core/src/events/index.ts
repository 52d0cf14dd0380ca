export {
  type AppendOptions,
  appendEvents,
  DEFAULT_MAX_EVENT_LOG_BYTES,
  type EventReadReport,
  eventLogFiles,
  filterCommitted,
  type ReadEventsOptions,
  readEvents,
} from "./log.js";
export { parseEventLine } from "./parse-line.js";
export * from "./schema.js";
export { linesBackwards, type TailOptions, tailEvents } from "./tail.js";
