export { costClass } from "./cost-class.js";
export { isRegistry, isRegistryEntry } from "./guard.js";
export * from "./schema.js";
export { percentile, type WindowStats, windowStats } from "./stats.js";
export {
  blankRegistryEntry,
  type CallRecord,
  DEFAULT_REGISTRY_WINDOW,
  type RegistryInput,
  updateRegistry,
} from "./update.js";
