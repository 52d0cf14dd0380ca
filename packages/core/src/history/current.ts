// The history a reading tool answers from: the current committed epoch's, for obs-history,
// obs-diff and obs-report. Only what the answer needs is read and verified: the pointer, the
// manifest it names (against its hash) and the history (head and segments, each against its
// hash), not the epoch's snapshots, registry or benchmark store. Anything unusual (no pointer, a
// manifest that does not verify, one pruned under us) goes through readCurrentEpoch, which owns
// retry and the fallback to the last good epoch.
import { readFile } from "node:fs/promises";
import { ExitCode, ObsError } from "../errors.js";
import { sha256Hex } from "../state/canonical-json.js";
import { manifestPath } from "../state/layout.js";
import { readCurrentEpoch, type StateProblem } from "../state/read-epoch.js";
import { readPointer } from "../state/read-pointer.js";
import { type Manifest, ManifestSchema } from "../state/schemas.js";
import { requireState } from "../state/state-errors.js";
import { type HistoryRead, type ReadOptions, readHistory } from "./store.js";

/** The history read (when strict, with no problems), and the epoch it is read from. */
export interface CurrentHistory extends HistoryRead {
  epochId: string;
  manifestHash: string;
  manifest: Manifest;
  /** True when the pointer's epoch did not verify and the last good one was read. */
  fellBack: boolean;
}

/**
 * The current epoch's history. Throws the usage errors of requireState, STATE_CORRUPT (exit 5)
 * when no epoch is readable, and HISTORY_DAMAGED (exit 5) when no epoch of the history reads
 * or, `strict` (answers that replay the whole history), when any part of it is damaged.
 */
export async function readCurrentHistory(
  stateDir: string,
  options: ReadOptions & { strict: boolean },
): Promise<CurrentHistory> {
  await requireState(stateDir);
  const epoch = (await currentManifest(stateDir)) ?? (await lastGood(stateDir));
  const { strict, ...read } = options;
  const history = await readHistory(stateDir, epoch.manifest, read);
  if (history.problems.length > 0 && (strict || history.epochs === 0)) {
    const why = history.problems.map((p) => `${p.file}: ${p.reason}`).join("; ");
    throw new ObsError("HISTORY_DAMAGED", `the model history cannot be read: ${why}`, {
      hint: "history segments are never rewritten; restore the named files from a backup",
      exitCode: ExitCode.STATE,
    });
  }
  return { ...epoch, ...history };
}

type Current = Pick<CurrentHistory, "epochId" | "manifestHash" | "manifest" | "fellBack">;

/** The pointer's manifest when both verify; null for anything else. */
async function currentManifest(stateDir: string): Promise<Current | null> {
  const ptr = await readPointer(stateDir);
  if (ptr.kind !== "ok") return null;
  const { epoch_id: epochId, manifest_hash: manifestHash } = ptr.pointer;
  const bytes = await readFile(manifestPath(stateDir, epochId)).catch(() => null);
  if (bytes === null || sha256Hex(bytes) !== manifestHash) return null;
  try {
    const m = ManifestSchema.safeParse(JSON.parse(bytes.toString("utf8")));
    if (!m.success || m.data.epoch_id !== epochId) return null;
    return { epochId, manifestHash, manifest: m.data, fellBack: false };
  } catch {
    return null;
  }
}

async function lastGood(stateDir: string): Promise<Current> {
  const read = await readCurrentEpoch(stateDir);
  if (read.epoch === null) throw noReadableEpoch(stateDir, read.problems);
  const { epochId, manifestHash, manifest } = read.epoch;
  return { epochId, manifestHash, manifest, fellBack: read.fellBack };
}

/** STATE_CORRUPT (exit 5): no epoch of the directory verifies. */
export function noReadableEpoch(stateDir: string, problems: readonly StateProblem[]): ObsError {
  const why = problems.map((p) => `${p.file}: ${p.reason}`).join("; ");
  return new ObsError("STATE_CORRUPT", `no readable epoch in ${stateDir}: ${why}`, {
    hint: "the next obs-poll or obs-bench quarantines bad files (*.corrupt.<time>) and falls back to the last good epoch",
    exitCode: ExitCode.STATE,
  });
}
