// The dashboard's user-facing failures: core's ObsError with stable codes, a hint and the shared
// exit codes. No state and a v1 directory are core's errors (NO_STATE, STATE_V1), the same in
// every bin. The interactive view shows the same message and hint on screen instead of exiting.
import { ExitCode, ObsError, type StateProblem } from "@observatory/core";

export const DashErrorCode = {
  /** Epochs exist but none verifies, or an object does not have the shape it should. */
  STATE_CORRUPT: "STATE_CORRUPT",
} as const;

export function stateCorrupt(stateDir: string, problems: readonly StateProblem[]): ObsError {
  return corrupt(`no readable epoch in ${stateDir}: ${describeProblems(problems)}`);
}

/** The oracle found an object whose hash verifies but whose shape is not what it should be. */
export function stateUnreadable(message: string): ObsError {
  return corrupt(message);
}

function corrupt(message: string): ObsError {
  return new ObsError(DashErrorCode.STATE_CORRUPT, message, {
    hint: "the next obs-poll or obs-bench quarantines bad files (*.corrupt.<time>) and falls back to the last good epoch",
    exitCode: ExitCode.STATE,
  });
}

/** "file: reason; file: reason (and 2 more)". */
export function describeProblems(problems: readonly StateProblem[]): string {
  const shown = problems
    .slice(0, 3)
    .map((p) => `${p.file}: ${p.reason}`)
    .join("; ");
  return problems.length > 3 ? `${shown} (and ${problems.length - 3} more)` : shown;
}

/** What a screen shows for any failure: message and hint, never a stack. */
export interface Failure {
  code: string;
  message: string;
  hint: string | null;
  exitCode: number;
}
