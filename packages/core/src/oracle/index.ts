// The routing oracle's engine: pick healthy models from one committed epoch (pointer -> manifest
// -> registry + drift state, never the event log). @observatory/oracle re-exports this as its
// SDK, and read-only tools (obs-dash) use it without depending on another tool.
export type {
  CandidatesAnswer,
  EpochInfo,
  ExplainedRoute,
  ListAnswer,
  ListedModel,
  ModelStatus,
  PolicyAnswer,
  PolicyRole,
  RefreshResult,
  RouteAnswer,
} from "./answers.js";
export { OracleErrorCode } from "./errors.js";
export { FILTER_HELP, parseRouteFilter } from "./filter.js";
export { type Reason, WARNING_CODES, type WarningCode } from "./model/health.js";
export { MODALITIES, type Modalities, type Modality } from "./model/modality.js";
export type { DriftRecord, ModelProfile, PendingRecord, ProviderStatus } from "./model/profile.js";
export {
  DEFAULT_DRIFT_WINDOW_MS,
  DEFAULT_MIN_CALLS,
  DEFAULT_MIN_HEALTHY_RELIABILITY,
  DEFAULT_STALE_AFTER_MS,
  type OracleOptions,
  PREFERENCES,
  type Preference,
  type ResolvedQuery,
  type RouteQuery,
} from "./options.js";
export { RouteQuerySchema } from "./options-schema.js";
export { RoutingOracle } from "./oracle.js";
export type { HistoryPoint } from "./past/points.js";
export type {
  ChangedField,
  HistoryDiff,
  HistoryQuery,
  ModelHistoryRow,
} from "./past/questions.js";
export { HEALTH_CODES, type HealthCode } from "./route/gates.js";
export { DEFAULT_POLICY, type PolicyRoleSpec } from "./route/policy.js";
export type { ExclusionCounts } from "./route/select.js";
