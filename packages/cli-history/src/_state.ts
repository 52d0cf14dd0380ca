// The history a command answers from: the current committed epoch's, read through core (pointer,
// manifest, head and segments, every hash verified). These bins only read; nothing is created.
import { type HistoryEntry, readCurrentHistory } from "@observatory/core";

export interface LoadedHistory {
  epoch: { epochId: string };
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
  const h = await readCurrentHistory(stateDir, { strict, ...(models ? { models } : {}) });
  const notes: string[] = [];
  if (h.fellBack)
    notes.push(`the current epoch did not verify; answering from the last good one, ${h.epochId}`);
  if (h.problems.length > 0) {
    const why = h.problems.map((p) => `${p.file}: ${p.reason}`).join("; ");
    notes.push(`warning: part of the model history is missing (${why}); its changes are not shown`);
  }
  const { entries, epochs, present } = h;
  return { epoch: { epochId: h.epochId }, entries, epochs, present, notes };
}

/** What to say when the current epoch has no history: not an error, nothing to show yet. */
export function noHistoryNote(epochId: string): string {
  return `no model history yet: the current epoch (${epochId}) was written before the history existed.\nhint: the next obs-poll starts it; changes are recorded from then on`;
}
