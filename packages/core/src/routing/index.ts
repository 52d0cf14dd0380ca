export { buildRoutingIndex } from "./build.js";
export * from "./schema.js";
