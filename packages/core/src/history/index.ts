export { isEntry, isHead } from "./check.js";
export { type CurrentHistory, noReadableEpoch, readCurrentHistory } from "./current.js";
export {
  driftChanges,
  epochChanges,
  identityChanges,
  LISTED,
  snapshotChanges,
  sortChanges,
} from "./derive.js";
export {
  applyEntry,
  diffWorlds,
  type HistoryRow,
  historyRows,
  knownModels,
  type ModelState,
  type ModelValue,
  type PointResolution,
  type RowFilter,
  relativeChange,
  resolvePoint,
  type WorldDiff,
  type WorldState,
  worldAt,
} from "./query.js";
export { keepModels, namingModels, scanSegment } from "./scan.js";
export * from "./schema.js";
export {
  extendHistory,
  HISTORY_DIR,
  type HistoryProblem,
  type HistoryRead,
  historyDir,
  type ReadOptions,
  readHistory,
  readHistoryHead,
  SEAL_BYTES,
  segmentPath,
} from "./store.js";
