export {
  LOCK_SUFFIX,
  type LockCore,
  LockCoreSchema,
  type LockReadReport,
  readLockCores,
} from "./read.js";
export * from "./schema.js";
