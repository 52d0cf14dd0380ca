// @observatory/dash: the obs-dash terminal dashboard. The panels are importable, so tests and
// other tools can render the same views.
export { DashErrorCode, type Failure } from "./errors.js";
export { type Loaded, stateSource, toFailure, type WorldSource } from "./load/source.js";
export { type StateChange, stateStamp, watchState } from "./load/watch.js";
export { type LoadOptions, loadWorld, reloadLogAndLocks, type World } from "./load/world.js";
export { type PanelContext, panelContext } from "./panels/context.js";
export { type Filter, parseFilter } from "./panels/filter.js";
export { type HeaderFacts, headerFacts } from "./panels/header.js";
export { buildPanels, type Panels } from "./panels/index.js";
export { PANEL_IDS, type PanelId, type PanelView } from "./panels/types.js";
export { type DashSummary, DashSummarySchema, PRINTED_RECORDS } from "./records.js";
export { summaryCommand } from "./summary/command.js";
