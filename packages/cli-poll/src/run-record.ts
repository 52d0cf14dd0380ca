// The RUN record: the last NDJSON line of every obs-poll and obs-bench run, whatever happened,
// so the reader at the other end of a pipe (obs-check) can tell "committed epoch X" from "this
// run committed nothing". Light on purpose: the entry modules use it for errors thrown after the
// arguments were parsed, before the run's own modules are even loaded.

import type { CommandOutput } from "@observatory/cli-kit";
import { ndjson, outputMode } from "@observatory/cli-kit";
import type { RunRecord, RunStatus } from "@observatory/core";
import { ExitCode, isObsError } from "@observatory/core/errors";

export type Tool = "obs-poll" | "obs-bench";

export function runRecord(
  tool: Tool,
  status: RunStatus,
  exitCode: number,
  committed: { epochId: string; manifestHash: string } | null,
  reason: string | null,
): RunRecord {
  return {
    type: "RUN",
    version: 1,
    tool,
    status,
    epoch_id: committed?.epochId ?? null,
    manifest_hash: committed?.manifestHash ?? null,
    exit_code: exitCode,
    reason: reason === null ? null : oneLine(reason),
  };
}

/** Errno codes runMain reports as an unusable state directory (exit 5), as it does. */
const STATE_ERRNOS = new Set([
  "EACCES",
  "EPERM",
  "ENOSPC",
  "EROFS",
  "EDQUOT",
  "ENOTDIR",
  "EISDIR",
  "EIO",
]);

/** The RUN record of a run that ended with an error: nothing was committed. */
export function errorRunRecord(tool: Tool, e: unknown): RunRecord {
  const message = e instanceof Error ? e.message : String(e);
  if (isObsError(e)) {
    const lost = e.code === "LOCK_LOST" || e.code === "POINTER_MOVED";
    const status: RunStatus = lost
      ? "lock_lost"
      : e.exitCode === ExitCode.STATE
        ? "failed"
        : "nothing_committed";
    return runRecord(tool, status, e.exitCode, null, message);
  }
  const errno = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof errno === "string" && STATE_ERRNOS.has(errno))
    return runRecord(tool, "failed", ExitCode.STATE, null, `${errno}: ${message}`);
  return runRecord(tool, "failed", ExitCode.INTERNAL, null, `internal error: ${message}`);
}

/**
 * Runs the command; when it throws, the RUN record still goes out on stdout (in NDJSON mode)
 * before runMain prints the error in the tools' one voice and sets the exit code.
 */
export async function withRunRecord(
  tool: Tool,
  json: boolean | undefined,
  run: () => Promise<CommandOutput>,
): Promise<CommandOutput> {
  try {
    return await run();
  } catch (e) {
    if (outputMode(json).ndjson) process.stdout.write(ndjson(errorRunRecord(tool, e)));
    throw e;
  }
}

/** Error messages may span lines (a probe file's problems): a record keeps them on one. */
function oneLine(text: string): string {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join(" ");
}
