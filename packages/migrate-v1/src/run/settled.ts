// The runs with nothing to migrate: a missing directory (usage error), an unreadable journal,
// no v1 files, a v2 directory, or a migration already completed. None of them writes anything.
import { join } from "node:path";
import { ExitCode, layout, ObsError } from "@observatory/core";
import { emptyReport, type MigrationReport } from "../report.js";
import type { Inspection } from "./inspect.js";
import { JOURNAL_FILE } from "./journal.js";

export type Settled = Exclude<Inspection, { kind: "v1" } | { kind: "in_progress" }>;

export function settled(dir: string, found: Settled): MigrationReport {
  switch (found.kind) {
    case "missing":
      throw new ObsError("NO_STATE_DIR", `${dir} does not exist`, {
        hint: "point --state-dir (or OBS_STATE_DIR / WATCHER_STATE_DIR) at the v1 state directory",
        exitCode: ExitCode.USAGE,
      });
    case "bad_journal":
      throw new ObsError("JOURNAL_UNREADABLE", `${join(dir, JOURNAL_FILE)} is ${found.reason}`, {
        hint: "it records an earlier migration's progress; the v1 files are in v1_backup_*/. Inspect it before removing it.",
        exitCode: ExitCode.STATE,
      });
    case "empty":
      return emptyReport(
        dir,
        "nothing_to_migrate",
        "no v1 files here (*_snapshot_latest.json, capability_registry.json, benchmark_hashes.json, experiment_locks/): nothing to migrate",
      );
    case "v2": {
      const r = emptyReport(dir, "already_v2", "already a v2 state directory: nothing to migrate");
      return found.leftovers.length > 0 ? withLeftovers(r, found.leftovers) : r;
    }
    case "complete": {
      const stored = (found.journal.report ?? {}) as Partial<MigrationReport>;
      const report: MigrationReport = {
        ...emptyReport(dir, "already_migrated", ""),
        ...stored,
        outcome: "already_migrated",
        state_dir: dir,
        message: `already migrated by obs-migrate ${found.journal.version} (started ${found.journal.started_at}): nothing to do`,
        resumed: false,
        retired: [],
        events_appended: 0,
        // Problems of the completed run are history (still shown); only new ones count now.
        collisions: [],
      };
      return found.leftovers.length > 0 ? withLeftovers(report, found.leftovers) : report;
    }
  }
}

function withLeftovers(r: MigrationReport, leftovers: string[]): MigrationReport {
  return {
    ...r,
    message: `v2 state with v1 files beside it (${leftovers.join(", ")}): they were not migrated`,
    collisions: [
      {
        file: layout.POINTER_FILE,
        reason: "v2 state exists; obs-migrate never migrates v1 files over it",
      },
    ],
  };
}
