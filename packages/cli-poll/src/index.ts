// @observatory/cli-poll: obs-poll and obs-bench. The run is importable for tests and the demo.
export { toOutput } from "./command.js";
export { type RunOptions, type RunReport, runObservatory } from "./run/run.js";
