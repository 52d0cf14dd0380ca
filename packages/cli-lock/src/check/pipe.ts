// `obs-poll | obs-check`: which epoch the run before the pipe committed. obs-poll and obs-bench
// end their NDJSON with one RUN record (status, epoch or none); older ones printed only an
// EPOCH_COMMITTED record, and nothing at all when they committed nothing. A run that committed
// nothing is a failure here, never a silent check of whatever epoch was there before.
import {
  type EpochCommittedRecord,
  EpochCommittedRecordSchema,
  ExitCode,
  ObsError,
  type RunRecord,
  RunRecordSchema,
} from "@observatory/core";

export interface PipedEpoch {
  epochId: string;
  /** null when the RUN record leaves it out and no EPOCH_COMMITTED record names it. */
  manifestHash: string | null;
}

interface Scan {
  /** Non-empty lines. */
  lines: number;
  lastRun: RunRecord | null;
  /** The EPOCH_COMMITTED record of the run that the last RUN record closes. */
  committedOfRun: EpochCommittedRecord | null;
  /** An EPOCH_COMMITTED record after the last RUN record: an older writer's run, last. */
  trailing: EpochCommittedRecord | null;
  /** A RUN record this obs-check cannot read (a newer record version). */
  unreadableRun: boolean;
}

function scan(text: string): Scan {
  const s: Scan = {
    lines: 0,
    lastRun: null,
    committedOfRun: null,
    trailing: null,
    unreadableRun: false,
  };
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    s.lines++;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      continue;
    }
    const type = (json as { type?: unknown } | null)?.type;
    if (type === "EPOCH_COMMITTED") {
      const r = EpochCommittedRecordSchema.safeParse(json);
      if (r.success) s.trailing = r.data;
    } else if (type === "RUN") {
      const r = RunRecordSchema.safeParse(json);
      s.unreadableRun = !r.success;
      s.lastRun = r.success ? r.data : null;
      s.committedOfRun = s.trailing;
      s.trailing = null;
    }
  }
  return s;
}

const NOTHING_HINT =
  "to check the current epoch anyway, run obs-check without the pipe (or with --no-stdin), or name an epoch with --epoch <id>";

function nothingCommitted(why: string, hint = NOTHING_HINT): ObsError {
  return new ObsError(
    "NOTHING_COMMITTED",
    `the run before the pipe committed nothing (${why}); nothing was checked`,
    { hint, exitCode: ExitCode.NOTHING_MEASURED },
  );
}

/** The epoch the piped run committed, or the error that says it committed none. */
export function pipedEpoch(text: string): PipedEpoch {
  const s = scan(text);
  if (s.trailing) return { epochId: s.trailing.epoch_id, manifestHash: s.trailing.manifest_hash };
  if (s.unreadableRun) {
    throw new ObsError(
      "RUN_RECORD_UNREADABLE",
      "stdin ends with a RUN record obs-check cannot read",
      {
        hint: "use the obs-check of the same release as the tool before the pipe",
        exitCode: ExitCode.USAGE,
      },
    );
  }
  const run = s.lastRun;
  if (run === null) {
    throw nothingCommitted(
      s.lines === 0
        ? "it printed nothing on stdout"
        : `its ${s.lines} lines name no committed epoch`,
    );
  }
  if (run.status !== "committed" || run.epoch_id === null) {
    const why = `${run.tool}: ${run.status}${run.reason ? `: ${run.reason}` : ""}`;
    // An interrupted run may have committed the part it finished: say how to check that.
    const partial =
      run.epoch_id !== null
        ? `it committed a partial epoch: check it with --epoch ${run.epoch_id}; or ${NOTHING_HINT}`
        : NOTHING_HINT;
    throw nothingCommitted(why, partial);
  }
  const committed = s.committedOfRun;
  if (
    committed &&
    (committed.epoch_id !== run.epoch_id ||
      (run.manifest_hash !== null && committed.manifest_hash !== run.manifest_hash))
  ) {
    throw new ObsError(
      "PIPE_DISAGREES",
      `stdin is not one run's output: its RUN record names epoch ${run.epoch_id}, its EPOCH_COMMITTED record ${committed.epoch_id}`,
      { hint: "pipe one obs-poll or obs-bench run into obs-check", exitCode: ExitCode.USAGE },
    );
  }
  return {
    epochId: run.epoch_id,
    manifestHash: run.manifest_hash ?? committed?.manifest_hash ?? null,
  };
}
