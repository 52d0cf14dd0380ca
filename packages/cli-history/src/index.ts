// @observatory/cli-history: obs-history, obs-diff and obs-events. Handlers are importable for
// tests; the history and the event log themselves live in @observatory/core.
export { type DiffArgs, diffCommand } from "./diff/execute.js";
export { type EventsArgs, type EventsIo, eventsCommand } from "./events/execute.js";
export { type HistoryArgs, historyCommand, type Io } from "./history/execute.js";
export {
  type DiffEntryRecord,
  DiffEntryRecordSchema,
  type DiffFieldChange,
  DiffFieldChangeSchema,
  type DiffSummaryRecord,
  DiffSummaryRecordSchema,
  type HistoryChangeRecord,
  HistoryChangeRecordSchema,
  PRINTED_RECORDS,
} from "./records.js";
