// What a state directory is, read-only: missing, empty, v1 (to migrate), mid-migration (to
// resume), migrated, or already v2. Nothing here writes or takes a lock, so a run with nothing to
// do changes nothing at all.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { readPointer } from "@observatory/core";
import { isV1Artifact, isV1PointerText, POINTER_FILE } from "../v1/read-tree.js";
import { type Journal, readJournal } from "./journal.js";

export type Inspection =
  | { kind: "missing" }
  | { kind: "empty" }
  | { kind: "bad_journal"; reason: string }
  | { kind: "v1"; artifacts: string[] }
  | { kind: "in_progress"; journal: Journal }
  | { kind: "complete"; journal: Journal; leftovers: string[] }
  | { kind: "v2"; leftovers: string[] };

export async function inspect(stateDir: string): Promise<Inspection> {
  let names: string[];
  try {
    names = (await readdir(stateDir)).sort();
  } catch {
    return { kind: "missing" };
  }
  const artifacts = names.filter(isV1Artifact);
  const journal = await readJournal(stateDir);
  if (journal.kind === "bad") return { kind: "bad_journal", reason: journal.reason };
  if (journal.kind === "ok") {
    // After completion the v1 files are retired, so any still here were put back since.
    return journal.journal.phase === "complete"
      ? { kind: "complete", journal: journal.journal, leftovers: artifacts }
      : { kind: "in_progress", journal: journal.journal };
  }
  // core's detectV1 stops at any current_epoch.json; the seed's own pointer is a v1 file too.
  const pointer = await readPointer(stateDir);
  if (pointer.kind === "ok") return { kind: "v2", leftovers: artifacts };
  if (names.includes(POINTER_FILE)) {
    const text = await readFile(join(stateDir, POINTER_FILE), "utf8").catch(() => "");
    if (isV1PointerText(text)) artifacts.push(POINTER_FILE);
  }
  return artifacts.length > 0 ? { kind: "v1", artifacts: artifacts.sort() } : { kind: "empty" };
}
