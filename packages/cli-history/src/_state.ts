// The history a command answers from: the current committed epoch's, read through core (pointer,
// manifest, head and segments, every hash verified). These bins only read; nothing is created.
import {
  ExitCode,
  type HistoryEntry,
  type LoadedEpoch,
  ObsError,
  readCurrentEpoch,
  readHistory,
  requireState,
} from "@observatory/core";

export interface LoadedHistory {
  epoch: LoadedEpoch;
  entries: HistoryEntry[];
  /** How many epochs the history holds (more than entries when read for some models). */
  epochs: number;
  /** False when the current epoch was written before the history existed. */
  present: boolean;
  /** Said on stderr: a fallback to an older epoch, damaged segments. */
  notes: string[];
}

/**
 * `strict`: a damaged segment is an error (exit 5), for answers that replay the whole history
 * (obs-diff); otherwise the rows that survive are shown with a warning. `models`: only the
 * entries that change them, with only their changes (core then parses nothing else).
 */
export async function loadHistory(
  stateDir: string,
  strict: boolean,
  models?: ReadonlySet<string>,
): Promise<LoadedHistory> {
  await requireState(stateDir);
  const read = await readCurrentEpoch(stateDir);
  if (read.epoch === null) {
    const why = read.problems.map((p) => `${p.file}: ${p.reason}`).join("; ");
    throw new ObsError("STATE_CORRUPT", `no readable epoch in ${stateDir}: ${why}`, {
      hint: "the next obs-poll or obs-bench quarantines bad files (*.corrupt.<time>) and falls back to the last good epoch",
      exitCode: ExitCode.STATE,
    });
  }
  const notes: string[] = [];
  if (read.fellBack)
    notes.push(
      `the current epoch did not verify; answering from the last good one, ${read.epoch.epochId}`,
    );
  const history = await readHistory(stateDir, read.epoch.manifest, models ? { models } : {});
  if (history.problems.length > 0) {
    const why = history.problems.map((p) => `${p.file}: ${p.reason}`).join("; ");
    if (strict || history.epochs === 0)
      throw new ObsError("HISTORY_DAMAGED", `the model history cannot be read: ${why}`, {
        hint: "history segments are never rewritten; restore the named files from a backup",
        exitCode: ExitCode.STATE,
      });
    notes.push(`warning: part of the model history is missing (${why}); its changes are not shown`);
  }
  const { entries, epochs, present } = history;
  return { epoch: read.epoch, entries, epochs, present, notes };
}

/** What to say when the current epoch has no history: not an error, nothing to show yet. */
export function noHistoryNote(epochId: string): string {
  return `no model history yet: the current epoch (${epochId}) was written before the history existed.\nhint: the next obs-poll starts it; changes are recorded from then on`;
}
