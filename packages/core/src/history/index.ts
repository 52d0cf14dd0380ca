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
export * from "./schema.js";
export {
  extendHistory,
  HISTORY_DIR,
  type HistoryProblem,
  type HistoryRead,
  historyDir,
  isEntry,
  isHead,
  readHistory,
  readHistoryHead,
  SEAL_BYTES,
  segmentPath,
} from "./store.js";
