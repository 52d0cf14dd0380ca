// @observatory/test-fixtures: recorded provider responses, msw handlers, the scenario engine
// and the loopback fixture server.
export {
  type BinResult,
  fixtureEnv,
  loadedNames,
  loadedNamesIn,
  ndjsonRecords,
  runNodeScript,
  runProcess,
  runTracingLoads,
  TRACE_LOADS,
} from "./bins.js";
export { DEMO_SCENARIO } from "./demo-scenario.js";
export { createHandlers } from "./handlers/index.js";
export { HOSTILE_ID, HOSTILE_ID_SHOWN, hostileModel, rawTerminalPieces } from "./hostile.js";
export {
  BENCHMARK_PROMPT_TEXTS,
  CANARY_PROMPT,
  DEFAULT_SURFACES,
  promptIndex,
  UNKNOWN_PROMPT_ANSWER,
} from "./prompts.js";
export {
  type AuthStyle,
  type Dialect,
  FIXTURE_PROVIDER_INFO,
  FIXTURE_PROVIDERS,
  type FixtureProvider,
  type FixtureProviderInfo,
  isFixtureProvider,
} from "./providers.js";
export { loadRecorded, OPENROUTER_SNAPSHOTS, recordedDir } from "./recorded.js";
export { rng } from "./rng.js";
export { buildCatalog, type Catalog, defaultSource, entryId } from "./scenario/catalog.js";
export { type CallRecord, ScenarioEngine, type ServingIdentityAnswer } from "./scenario/engine.js";
export { decimalToExponent } from "./scenario/respell.js";
export type {
  AnswerRule,
  CatalogSpec,
  Fault,
  FaultRule,
  IdentityRule,
  Route,
  ScenarioSpec,
} from "./scenario/spec.js";
export { mswRequestListener } from "./server/bridge.js";
export {
  type FixtureServer,
  type FixtureServerOptions,
  fixtureKey,
  startFixtureServer,
} from "./server/start.js";
export {
  copyV1Tree,
  FLEET_PROVIDERS,
  V1_TREES,
  type V1TreeName,
  v1Dir,
  v1TreeDir,
} from "./v1/trees.js";
