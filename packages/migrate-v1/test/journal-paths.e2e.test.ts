// The journal's backup_dir becomes a path (the v1 tree a resumed run reads, the backup it
// verifies). A journal that names anything but a backup directory beside it, such as
// "../outside", is refused as an unreadable journal: nothing outside the state dir is read.
import { cp, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { migrate, tempState, treeHashes } from "./harness.js";

it.each(["../outside", "/tmp", "v1_backup_x/../../outside", "."])(
  "a journal with backup_dir %j is refused (exit 5) and nothing is read or written",
  async (backupDir) => {
    const { root, stateDir } = await tempState("fleet");
    // A complete-looking v1 tree outside the state dir, where the journal points.
    await cp(stateDir, join(root, "outside"), { recursive: true });
    const journal = {
      schema: "observatory.migrate-v1/1",
      version: "0.1.0",
      started_at: "2026-11-21T05:00:00.000Z",
      stamp: "20261121T050000.000Z",
      backup_dir: backupDir,
      phase: "backed_up",
      epoch: null,
    };
    await writeFile(join(stateDir, "migrate-v1.journal.json"), `${JSON.stringify(journal)}\n`);
    const before = await treeHashes(stateDir);
    const outside = await readdir(join(root, "outside"));
    for (const args of [["--dry-run"], []]) {
      const r = await migrate(stateDir, args);
      expect(r.code, r.stderr).toBe(5);
      expect(r.stderr).toContain("migrate-v1.journal.json is unexpected shape (backup_dir:");
    }
    expect(await treeHashes(stateDir)).toEqual(before);
    expect(await readdir(join(root, "outside"))).toEqual(outside);
  },
);
