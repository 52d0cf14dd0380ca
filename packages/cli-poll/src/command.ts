// From a run report to what the user sees and the exit code. Handlers return data; main prints.
import { type CommandOutput, ndjson } from "@observatory/cli-kit";
import { type EpochCommittedRecord, ExitCode } from "@observatory/core";
import { renderSummary } from "./render/summary.js";
import type { RunReport } from "./run/run.js";

export function toOutput(
  tool: "obs-poll" | "obs-bench",
  r: RunReport,
  mode: { ndjson: boolean; humanTty: boolean },
  elapsedMs: number,
): CommandOutput {
  if (r.outcome === "locked") {
    return { stderr: `${tool}: skipped: ${r.message}\n`, exitCode: ExitCode.LOCKED };
  }
  if (r.outcome === "nothing_configured") {
    const notes = r.notes.map((n) => `${tool}: ${n}\n`).join("");
    return { stderr: `${notes}${tool}: ${r.message}\n`, exitCode: ExitCode.NOTHING_MEASURED };
  }
  let stdout = "";
  if (mode.ndjson) {
    for (const e of r.events) stdout += ndjson(e);
    const record: EpochCommittedRecord = {
      type: "EPOCH_COMMITTED",
      epoch_id: r.epochId!,
      manifest_hash: r.manifestHash!,
      tool,
      providers: r.providers,
      events: r.events.length,
    };
    stdout += ndjson(record);
  }
  const stderr =
    renderSummary(tool, r, elapsedMs, mode.humanTty) +
    r.notes.map((n) => `${tool}: ${n}\n`).join("");
  let exitCode: number = ExitCode.OK;
  if (r.events.some((e) => e.type === "BEHAVIOR_DRIFT")) exitCode = ExitCode.DRIFT;
  else if (!r.measured) exitCode = ExitCode.NOTHING_MEASURED;
  if (r.interrupted) exitCode = ExitCode.INTERRUPTED;
  const note =
    !r.measured && tool === "obs-bench" && r.benchmarked === 0
      ? `${tool}: nothing to benchmark: the current epoch lists no models for the configured providers (run obs-poll first)\n`
      : "";
  return { stdout, stderr: stderr + note, exitCode };
}
