export {
  LOCK_SUFFIX,
  type LockCore,
  LockCoreSchema,
  type LockReadReport,
  readLockCores,
} from "./read.js";
