// The two ways a reading tool meets a state directory it cannot use, worded and coded the same in
// every bin: a v1 directory (upgrade it with obs-migrate) and a directory with no state at all
// (wrong --state-dir, or nothing polled yet). Both are usage errors (exit 2): nothing is wrong
// with the data, the user pointed the tool at the wrong thing or skipped a step.
import { stat } from "node:fs/promises";
import { ExitCode, ObsError } from "../errors.js";
import { readPointer } from "./read-pointer.js";
import { detectV1 } from "./v1-detect.js";

export function stateV1Error(stateDir: string, found: readonly string[]): ObsError {
  const shown = found.slice(0, 3).join(", ") + (found.length > 3 ? ", ..." : "");
  return new ObsError("STATE_V1", `${stateDir} is a v1 state directory (found ${shown})`, {
    hint: `upgrade it first: obs-migrate --state-dir ${stateDir}`,
    exitCode: ExitCode.USAGE,
  });
}

export function noStateError(stateDir: string, exists: boolean): ObsError {
  const why = exists ? "no epoch committed yet" : "the directory does not exist";
  return new ObsError("NO_STATE", `no state at ${stateDir} (${why})`, {
    hint: `run obs-poll --state-dir ${stateDir} to commit the first epoch, or point --state-dir / OBS_STATE_DIR at your state directory`,
    exitCode: ExitCode.USAGE,
  });
}

/**
 * For a tool that only reads: throws the v1 error or the no-state error, in that order, when the
 * directory is not v2 state with a pointer. A pointer that exists but does not verify is not
 * "no state": the caller's loader reports that (exit 5) and falls back to the last good epoch.
 */
export async function requireState(stateDir: string): Promise<void> {
  const found = await detectV1(stateDir);
  if (found.length > 0) throw stateV1Error(stateDir, found);
  // No pointer but manifests: a pointer lost to a crash or a hand; the loader recovers from them.
  if ((await readPointer(stateDir)).kind !== "absent") return;
  const { listManifestIds } = await import("./read-epoch.js");
  if ((await listManifestIds(stateDir)).length > 0) return;
  const exists = await stat(stateDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  throw noStateError(stateDir, exists);
}
