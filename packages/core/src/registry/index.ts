export { costClass } from "./cost-class.js";
export * from "./schema.js";
export { percentile, type WindowStats, windowStats } from "./stats.js";
export {
  type CallRecord,
  DEFAULT_REGISTRY_WINDOW,
  type RegistryInput,
  updateRegistry,
} from "./update.js";
