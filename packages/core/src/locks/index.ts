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
