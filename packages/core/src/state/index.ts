export { atomicWriteFile, ensureDir, type Fence, fsyncDir } from "./atomic-write.js";
export { canonicalJson, sha256Hex } from "./canonical-json.js";
export { epochTime, isEpochId, nextEpochId } from "./epoch-id.js";
export {
  type AcquireOptions,
  acquireInstanceLock,
  DEFAULT_LOCK_STALE_MS,
  type InstanceLock,
  type LockResult,
} from "./instance-lock.js";
export { ioStats, resetIoStats } from "./io-stats.js";
export * as layout from "./layout.js";
export { type LockHolder, LockHolderSchema, readHolder } from "./lock-holder.js";
export { readObject } from "./objects.js";
export {
  type LoadedEpoch,
  listManifestIds,
  loadEpoch,
  type ReadResult,
  readCurrentEpoch,
  readPointer,
  type StateProblem,
} from "./read-epoch.js";
export {
  DEFAULT_RETAIN_EPOCHS,
  lockedEpochIds,
  type PruneReport,
  pruneEpochs,
} from "./retention.js";
export * from "./schemas.js";
export { noStateError, requireState, stateV1Error } from "./state-errors.js";
export { detectV1, MIGRATION_JOURNAL } from "./v1-detect.js";
export {
  type CommitResult,
  type CommitStep,
  type EpochDraft,
  type OpenWriterResult,
  openStateWriter,
  type ProviderDraft,
  StateWriter,
  type WriterOptions,
} from "./writer.js";
