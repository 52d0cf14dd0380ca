// @observatory/cli-poll: obs-poll and obs-bench. The run is importable for tests and the demo;
// PRINTED_RECORDS is the contract of what the bins print (docs/schemas/records is made from it).
export { type OutputOptions, printedEvent, toOutput } from "./command.js";
export {
  PRINTED_RECORDS,
  PrintedEpochCommittedSchema,
  type PrintedEvent,
  PrintedEventSchema,
  type ProviderRecord,
  ProviderRecordSchema,
  RunRecordSchema,
} from "./records.js";
export {
  type ProviderTiming,
  type RunOptions,
  type RunReport,
  runObservatory,
} from "./run/run.js";
