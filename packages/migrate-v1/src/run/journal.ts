// The migration journal, <state>/migrate-v1.journal.json: which phase a migration reached, so a
// run killed at any point can be re-run to completion, and a finished one is recognised and left
// alone. Written atomically at each phase change; kept afterwards as the record of the migration.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { atomicWriteFile } from "@observatory/core";
import { z } from "zod";

export const JOURNAL_FILE = "migrate-v1.journal.json";

export const JournalSchema = z.object({
  schema: z.literal("observatory.migrate-v1/1"),
  version: z.string(),
  started_at: z.iso.datetime({ offset: true }),
  /** Compact UTC stamp of started_at: names the backup and the quarantined files. */
  stamp: z.string(),
  /**
   * The backup directory (complete: it is renamed into place only once every file verified).
   * A name beside the journal, never a path: a resumed run reads the v1 tree from here, so a
   * tampered "../elsewhere" must not lead it outside the state directory.
   */
  backup_dir: z
    .string()
    .regex(/^v1_backup_[0-9A-Za-z.]+(?:-\d+)?$/, "a v1_backup_<stamp> directory name, not a path"),
  /** backed_up: the backup is complete; committed: epoch 0 is the current epoch; complete: done. */
  phase: z.enum(["backed_up", "committed", "complete"]),
  epoch: z.object({ epoch_id: z.string(), manifest_hash: z.string() }).nullable(),
  /** The report of the run that completed the migration. */
  report: z.record(z.string(), z.unknown()).optional(),
});
export type Journal = z.infer<typeof JournalSchema>;

export type JournalRead =
  | { kind: "absent" }
  | { kind: "ok"; journal: Journal }
  | { kind: "bad"; reason: string };

export async function readJournal(stateDir: string): Promise<JournalRead> {
  let text: string;
  try {
    text = await readFile(join(stateDir, JOURNAL_FILE), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? { kind: "absent" } : { kind: "bad", reason: `unreadable (${code})` };
  }
  try {
    const r = JournalSchema.safeParse(JSON.parse(text));
    if (r.success) return { kind: "ok", journal: r.data };
    const issue = r.error.issues[0];
    const where = issue ? ` (${issue.path.join(".") || "(root)"}: ${issue.message})` : "";
    return { kind: "bad", reason: `unexpected shape${where}` };
  } catch {
    return { kind: "bad", reason: "not valid JSON" };
  }
}

export async function writeJournal(stateDir: string, journal: Journal): Promise<void> {
  await atomicWriteFile(join(stateDir, JOURNAL_FILE), `${JSON.stringify(journal, null, 2)}\n`);
}

/** The stamp used in backup and quarantine names: 20260101T120000.123Z (no ':' for any FS). */
export function compactStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "");
}
