// The oracle's user-facing failures: one typed family (core's ObsError) with stable codes, a hint
// and the shared exit codes. Programmer mistakes (a bad option value from code) are ObsError too,
// because JavaScript callers get no compile-time check of option values.
import { ExitCode, ObsError } from "../errors.js";
import type { StateProblem } from "../state/read-epoch.js";

export const OracleErrorCode = {
  /** A v1 state directory: obs-migrate upgrades it (core's stateV1Error, exit 2). */
  STATE_V1: "STATE_V1",
  /** No state at the directory: nothing polled there yet, or no such directory (exit 2). */
  NO_STATE: "NO_STATE",
  /** The state directory has state but its pointer names no committed epoch. */
  NO_EPOCH: "NO_EPOCH",
  /** Committed epochs exist but none verifies, or an object does not have the expected shape. */
  STATE_UNUSABLE: "STATE_UNUSABLE",
  /** A route filter string (CLI or parseRouteFilter) could not be read. */
  FILTER_INVALID: "FILTER_INVALID",
  /** A route query object or open() option has a wrong value. */
  OPTIONS_INVALID: "OPTIONS_INVALID",
  /** status/healthy named a model the epoch does not know; history/valueAt one the history
   * never saw (exit 6). */
  UNKNOWN_MODEL: "UNKNOWN_MODEL",
  /** open({ epoch | at }) named an epoch that retention has pruned: the history still has its
   * models (exit 6). */
  EPOCH_PRUNED: "EPOCH_PRUNED",
  /** open({ epoch | at }) named no committed epoch of the directory (exit 6). */
  EPOCH_NOT_FOUND: "EPOCH_NOT_FOUND",
  /** history/valueAt/diff: the epoch names no model history (written before it existed), or a
   * part of it does not verify (exit 5). */
  HISTORY_UNAVAILABLE: "HISTORY_UNAVAILABLE",
  /** valueAt/diff asked about a time before the history begins (exit 6). */
  BEFORE_HISTORY: "BEFORE_HISTORY",
  /** A point in the history (since, until, valueAt's at, diff's a and b) that is not one of the
   * accepted forms, or one the history does not hold (exit 2 or 6). */
  POINT_INVALID: "POINT_INVALID",
} as const;

export function noEpoch(stateDir: string): ObsError {
  return new ObsError(OracleErrorCode.NO_EPOCH, `no committed epoch in ${stateDir}`, {
    hint: `run obs-poll --state-dir ${stateDir} first, or point --state-dir / OBS_STATE_DIR at a state directory`,
    exitCode: ExitCode.STATE,
  });
}

export function stateUnusable(stateDir: string, problems: readonly StateProblem[]): ObsError {
  const shown = problems
    .slice(0, 3)
    .map((p) => `${p.file}: ${p.reason}`)
    .join("; ");
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : "";
  return new ObsError(
    OracleErrorCode.STATE_UNUSABLE,
    `no usable epoch in ${stateDir}: ${shown}${more}`,
    {
      hint: "a writer (obs-poll, obs-bench) quarantines bad files and recovers on its next run",
      exitCode: ExitCode.STATE,
    },
  );
}

export function optionsInvalid(message: string): ObsError {
  return new ObsError(OracleErrorCode.OPTIONS_INVALID, message, { exitCode: ExitCode.USAGE });
}
