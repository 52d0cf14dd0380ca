// @observatory/report: obs-report. The handler and the pure parts are importable for tests and
// the bench; the history, events and locks themselves live in @observatory/core.

export { pageAssets } from "./assets.js";
export { type Collected, collect } from "./collect.js";
export {
  type BehaviourDrift,
  buildReport,
  type ChangeRow,
  type LockRow,
  type ProviderRow,
  type ReportData,
  type ReportInput,
  type ReportOptions,
} from "./data.js";
export { type Io, makeReport, type ReportArgs, reportCommand } from "./execute.js";
export { escapeHtml, type PageAssets, renderPage, scriptJson } from "./html.js";
export { PRINTED_RECORDS, type ReportWrittenRecord, ReportWrittenRecordSchema } from "./records.js";
