// @observatory/core: every byte on disk, and the pure logic that decides what changed.
export * from "./bench-store/index.js";
export * from "./config/index.js";
export * from "./drift/index.js";
export * from "./errors.js";
export * from "./events/index.js";
export * from "./history/index.js";
export * from "./locks/index.js";
export * from "./model.js";
export * from "./notify/index.js";
export * from "./oracle/index.js";
export * from "./redact.js";
export * from "./registry/index.js";
export * from "./routing/index.js";
export { jsonSchemaText } from "./schema/json-schemas.js";
export * from "./severity.js";
export * from "./severity-schema.js";
export * from "./state/index.js";
export * from "./terminal-text.js";
