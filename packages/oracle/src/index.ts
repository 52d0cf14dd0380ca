// @observatory/oracle: pick healthy models from one committed epoch of an observatory state.
export type {
  CandidatesAnswer,
  EpochInfo,
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
  RouteQuerySchema,
} from "./options.js";
export { RoutingOracle } from "./oracle.js";
export {
  EpochInfoSchema,
  ListRecordSchema,
  ModelProfileSchema,
  PolicyRecordSchema,
  PRINTED_RECORDS,
  ResolvedQuerySchema,
  RouteRecordSchema,
  StatusRecordSchema,
  SummaryRecordSchema,
} from "./records.js";
export { HEALTH_CODES, type HealthCode } from "./route/gates.js";
export { DEFAULT_POLICY, type PolicyRoleSpec } from "./route/policy.js";
export type { ExclusionCounts } from "./route/select.js";
