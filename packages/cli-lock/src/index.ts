// @observatory/cli-lock: obs-lock and obs-check. Handlers are importable for tests and the demo.
export { checkBehaviour } from "./check/behaviour.js";
export { checkLock, type LockedEpoch } from "./check/check-lock.js";
export type {
  LockCheck,
  PairCheck,
  PairStatus,
  StructureCheck,
  Violation,
} from "./check/record.js";
export { type CheckOptions, type CheckReport, checkExitCode, runCheck } from "./check/run.js";
export { type CreateOptions, type CreateReport, createLock } from "./lock/create.js";
export { parseDuration } from "./lock/duration.js";
export { type LockFile, listLockFiles, readLockFile, validateLockName } from "./lock/files.js";
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
