// Drift engine: semantic fingerprints, canonicalizers, the three-state detector. Pure, no I/O.
export type { CanonicalResult } from "./canon-text.js";
export { REFUSAL } from "./canon-text.js";
export type { CanonicalizeTarget, ProbeKind } from "./canonicalize.js";
export { canonicalize, PROBE_KINDS } from "./canonicalize.js";
export { metadataChangeSeverity } from "./change-severity.js";
export type {
  CompareOptions,
  ModelChange,
  SnapshotComparison,
  SnapshotModels,
} from "./compare.js";
export { compareSnapshots } from "./compare.js";
export { normalizeDecimal } from "./decimal.js";
export type { DetectorResult } from "./detector.js";
export { confirmationsNeeded, observe, tieBreakersNeeded } from "./detector.js";
export type {
  DetectorParams,
  DetectorState,
  DriftEvidence,
  Sample,
  Verdict,
  VerdictKind,
} from "./detector-state.js";
export {
  BaselineStatusSchema,
  DEFAULT_DETECTOR_PARAMS,
  DetectorParamsSchema,
  DetectorStateSchema,
  initialDetectorState,
  needsRebaselineState,
} from "./detector-state.js";
export type { FieldChange } from "./diff.js";
export { diffModels, formatFieldChange } from "./diff.js";
export type { CanonicalModel } from "./fingerprint.js";
export {
  canonicalModel,
  FINGERPRINT_SCHEME,
  LEGACY_FINGERPRINT_SCHEME,
  modelFingerprint,
  modelIdsHash,
  registryHash,
} from "./fingerprint.js";
export type { ProbeEntry, ProbeFile, ProbeFileResult } from "./probe-file.js";
export { ProbeEntrySchema, ProbeFileSchema, parseProbeFile } from "./probe-file.js";
export type { Probe } from "./probes.js";
export {
  BUILTIN_PROBES,
  builtinProbeAt,
  ProbeKindSchema,
  ProbeSchema,
  TIER_SEVERITY,
} from "./probes.js";
export type { SeverityThresholds } from "./severity-thresholds.js";
export {
  DEFAULT_SEVERITY_THRESHOLDS,
  resolveSeverityThresholds,
  SEVERITY_ENV,
  SeverityThresholdsSchema,
} from "./severity-thresholds.js";
