// From a run report to what the user sees and the exit code. Handlers return data; main prints.
// On stdout (NDJSON mode): the events, an EPOCH_COMMITTED record when an epoch was committed, and
// always one RUN record last. On stderr: the summary (none with --quiet).
import { type CommandOutput, ndjson, type Verbosity } from "@observatory/cli-kit";
import type { ObsEvent } from "@observatory/core";
import { ExitCode } from "@observatory/core";
import type { z } from "zod";
import type { PrintedEpochCommittedSchema, PrintedEvent } from "./records.js";
import { renderSummary } from "./render/summary.js";
import type { RunReport } from "./run/run.js";
import { runRecord, type Tool } from "./run-record.js";

export interface OutputOptions {
  /** How much goes to stderr (default "normal"). */
  verbosity?: Verbosity;
  /** End stdout with the RUN record (default true). A tool embedding a run in its own output
   * (obs-lock --benchmark-before-lock) may leave it out. */
  runRecord?: boolean;
}

/** An event as printed: the stored event plus `version` (= its `v`). */
export function printedEvent(e: ObsEvent): PrintedEvent {
  return { ...e, version: e.v } as PrintedEvent;
}

export function toOutput(
  tool: Tool,
  r: RunReport,
  mode: { ndjson: boolean; humanTty: boolean },
  elapsedMs: number,
  options: OutputOptions = {},
): CommandOutput {
  const verbosity = options.verbosity ?? "normal";
  const quiet = verbosity === "quiet";
  const withRun = options.runRecord !== false && mode.ndjson;
  const notes = quiet ? "" : r.notes.map((n) => `${tool}: ${n}\n`).join("");
  if (r.outcome === "locked") {
    const exitCode = ExitCode.LOCKED;
    return {
      ...(withRun
        ? { stdout: ndjson(runRecord(tool, "locked", exitCode, null, r.message ?? "locked")) }
        : {}),
      // A skip is routine under cron: --quiet leaves it to the exit code.
      stderr: quiet ? "" : `${tool}: skipped: ${r.message}\n`,
      exitCode,
    };
  }
  if (r.outcome === "nothing_configured") {
    const exitCode = ExitCode.NOTHING_MEASURED;
    const message = r.message ?? "nothing to do";
    return {
      ...(withRun
        ? { stdout: ndjson(runRecord(tool, "nothing_committed", exitCode, null, message)) }
        : {}),
      stderr: `${notes}${tool}: ${message}\n`,
      exitCode,
    };
  }
  let exitCode: number = ExitCode.OK;
  if (r.events.some((e) => e.type === "BEHAVIOR_DRIFT")) exitCode = ExitCode.DRIFT;
  else if (!r.measured) exitCode = ExitCode.NOTHING_MEASURED;
  if (r.interrupted) exitCode = ExitCode.INTERRUPTED;
  const committed = { epochId: r.epochId!, manifestHash: r.manifestHash! };
  let stdout = "";
  if (mode.ndjson) {
    for (const e of r.events) stdout += ndjson(printedEvent(e));
    const record: z.infer<typeof PrintedEpochCommittedSchema> = {
      type: "EPOCH_COMMITTED",
      version: 1,
      epoch_id: committed.epochId,
      manifest_hash: committed.manifestHash,
      tool,
      providers: r.providers,
      events: r.events.length,
    };
    stdout += ndjson(record);
    if (withRun)
      stdout += ndjson(
        r.interrupted
          ? runRecord(
              tool,
              "interrupted",
              exitCode,
              committed,
              "interrupted: committed what completed as a partial epoch",
            )
          : runRecord(tool, "committed", exitCode, committed, null),
      );
  }
  if (quiet) return { stdout, exitCode };
  const stderr =
    renderSummary(tool, r, elapsedMs, { tty: mode.humanTty, verbose: verbosity === "verbose" }) +
    notes;
  const nothing = !r.measured
    ? tool === "obs-bench"
      ? `${tool}: nothing could be measured: every benchmark call failed or was unreadable\n`
      : `${tool}: nothing could be measured: no provider's listing answered\n`
    : "";
  return { stdout, stderr: stderr + nothing, exitCode };
}
