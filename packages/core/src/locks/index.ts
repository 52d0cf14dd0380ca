export { type BehaviourInput, checkBehaviour } from "./behaviour.js";
export { checkLock, type LockedEpoch } from "./check-lock.js";
export * from "./check-result.js";
export {
  type LockFile,
  listLockFiles,
  lockPath,
  type MigratedStructure,
  parseLockText,
  readLockFile,
  validateLockName,
  writeLockFile,
} from "./files.js";
export {
  LOCK_SUFFIX,
  type LockCore,
  LockCoreSchema,
  type LockReadReport,
  readLockCores,
} from "./read.js";
export * from "./schema.js";
export {
  modelsInScope,
  type ScopedModel,
  type ScopeHashes,
  scopeHashes,
  WHOLE_SCOPE,
} from "./scope.js";
export { isV1Lock, type V1Lock, V1LockSchema } from "./v1.js";
