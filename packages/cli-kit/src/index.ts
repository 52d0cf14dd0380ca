// @observatory/cli-kit: what every obs-* tool shares on the command line.
export {
  baseCli,
  type CommonArgs,
  flagWritten,
  helpAsked,
  type Verbosity,
  verbosity,
} from "./cli.js";
export { type LockOptions, lockOptions, lockWaitOption, WAIT_FOREVER_MS } from "./lock-options.js";
export { type CommandOutput, runMain } from "./main.js";
export { allowed, fits, type NumberOption, type NumberSpec, numberOption } from "./numbers.js";
export {
  c,
  cellText,
  ndjson,
  type OutputMode,
  outputMode,
  type Painted,
  painted,
  type TableCell,
  table,
} from "./output.js";
export { openStateDir, resolveStateDir } from "./state-dir.js";
