// The model history as the oracle's epoch names it, every segment verified. An epoch written
// before the history existed, or a part of it that does not verify, is an error rather than a
// shorter history: answers replayed from it would be wrong without saying so.
import { ExitCode, ObsError } from "../../errors.js";
import type { HistoryEntry } from "../../history/schema.js";
import { readHistory } from "../../history/store.js";
import type { Manifest } from "../../state/schemas.js";
import { OracleErrorCode } from "../errors.js";

export async function readEntries(
  stateDir: string,
  epochId: string,
  history: string | null,
): Promise<HistoryEntry[]> {
  if (history === null)
    throw unavailable(
      `epoch ${epochId} of ${stateDir} has no model history: it was written before core recorded one`,
      "the next commit (obs-poll) begins the history; it knows nothing from before it",
    );
  // readHistory reads nothing of the manifest but the head it names.
  const h = await readHistory(stateDir, { history } as Manifest);
  if (h.problems.length > 0) {
    const shown = h.problems.map((p) => `${p.file}: ${p.reason}`).join("; ");
    throw unavailable(
      `the model history of ${stateDir} (epoch ${epochId}) cannot be read whole: ${shown}`,
      "a writer (obs-poll) restarts a history whose head is unreadable; a damaged sealed segment has to be restored from a copy",
    );
  }
  return h.entries;
}

function unavailable(message: string, hint: string): ObsError {
  return new ObsError(OracleErrorCode.HISTORY_UNAVAILABLE, message, {
    hint,
    exitCode: ExitCode.STATE,
  });
}
