// @observatory/cli-lock: obs-lock and obs-check. Handlers are importable for tests and the demo.
// Lock files and the pure check live in @observatory/core, where every reader finds them.
export { type CheckOptions, type CheckReport, checkExitCode, runCheck } from "./check/run.js";
export { type CreateOptions, type CreateReport, createLock } from "./lock/create.js";
export { parseDuration } from "./lock/duration.js";
export { type Provenance, provenance } from "./lock/provenance.js";
export { renderMarkdown as renderProvenanceMarkdown } from "./lock/render.js";
export {
  type LockCheckRecord,
  LockCheckRecordSchema,
  type LockCreatedRecord,
  LockCreatedRecordSchema,
  type LockFileRecord,
  LockFileRecordSchema,
  type LockListRecord,
  LockListRecordSchema,
  PRINTED_RECORDS,
  type ProvenanceRecord,
  ProvenanceRecordSchema,
} from "./records.js";
