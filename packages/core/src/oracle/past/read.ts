// The model history as the oracle's epoch names it, every segment verified. An epoch written
// before the history existed, or a part of it that does not verify, is an error rather than a
// shorter history: answers replayed from it would be wrong without saying so.
import { ExitCode, ObsError } from "../../errors.js";
import type { HistoryEntry } from "../../history/schema.js";
import { readHistory } from "../../history/store.js";
import { readCurrentEpoch } from "../../state/read-epoch.js";
import type { Manifest } from "../../state/schemas.js";
import { OracleErrorCode } from "../errors.js";

export async function readEntries(
  stateDir: string,
  epochId: string,
  history: Pick<Manifest, "history" | "history_quiet"> | null,
): Promise<HistoryEntry[]> {
  if (history === null)
    throw unavailable(
      `epoch ${epochId} of ${stateDir} has no model history: it was written before core recorded one`,
      "the next commit (obs-poll) begins the history; it knows nothing from before it",
    );
  // readHistory reads nothing of the manifest but the head it names and its quiet epochs.
  const h = await readHistory(stateDir, history as Manifest);
  if (h.problems.length > 0 && h.entries.length === 0) {
    // The head went with the epoch (retention pruned it under a pinned oracle): the current
    // epoch's history holds this one's, when it has not restarted since.
    const later = await fromCurrent(stateDir, epochId);
    if (later !== null) return later;
  }
  if (h.problems.length > 0) {
    const shown = h.problems.map((p) => `${p.file}: ${p.reason}`).join("; ");
    throw unavailable(
      `the model history of ${stateDir} (epoch ${epochId}) cannot be read whole: ${shown}`,
      "a writer (obs-poll) restarts a history whose head is unreadable; a damaged sealed segment has to be restored from a copy",
    );
  }
  return h.entries;
}

async function fromCurrent(stateDir: string, epochId: string): Promise<HistoryEntry[] | null> {
  const read = await readCurrentEpoch(stateDir);
  if (read.epoch === null || read.epoch.epochId < epochId) return null;
  const h = await readHistory(stateDir, read.epoch.manifest);
  if (h.problems.length > 0) return null;
  const end = h.entries.findIndex((e) => e.e === epochId);
  if (end < 0) return null;
  const cut = h.entries.slice(0, end + 1);
  // A restart after this epoch would have kept nothing of it; one before it is its own start.
  return cut;
}

function unavailable(message: string, hint: string): ObsError {
  return new ObsError(OracleErrorCode.HISTORY_UNAVAILABLE, message, {
    hint,
    exitCode: ExitCode.STATE,
  });
}
