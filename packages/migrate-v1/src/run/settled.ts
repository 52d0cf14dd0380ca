// The runs with nothing to migrate: no state at all (a missing directory or one without v1 files:
// usage errors), an unreadable journal, a v2 directory, or a migration already completed. None of
// them writes anything.
import { join } from "node:path";
import { ExitCode, layout, ObsError } from "@observatory/core";
import { emptyReport, type MigrationReport } from "../report.js";
import type { Inspection } from "./inspect.js";
import { JOURNAL_FILE } from "./journal.js";

export type Settled = Exclude<Inspection, { kind: "v1" } | { kind: "in_progress" }>;

export function settled(dir: string, found: Settled): MigrationReport {
  switch (found.kind) {
    case "missing":
      throw noV1State(dir, "the directory does not exist");
    case "bad_journal":
      throw new ObsError("JOURNAL_UNREADABLE", `${join(dir, JOURNAL_FILE)} is ${found.reason}`, {
        hint: "it records an earlier migration's progress; the v1 files are in v1_backup_*/. Inspect it before removing it.",
        exitCode: ExitCode.STATE,
      });
    case "empty":
      throw noV1State(dir, "no v1 files in it");
    case "v2": {
      const r = emptyReport(dir, "already_v2", "already a v2 state directory: nothing to migrate");
      return found.leftovers.length > 0 ? withLeftovers(r, found.leftovers) : r;
    }
    case "complete": {
      const stored = (found.journal.report ?? {}) as Partial<MigrationReport>;
      const report: MigrationReport = {
        ...emptyReport(dir, "already_migrated", ""),
        ...stored,
        type: "MIGRATION_REPORT",
        version: 1,
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

/** Nothing to migrate is a usage error: the user pointed obs-migrate at the wrong directory. */
function noV1State(dir: string, why: string): ObsError {
  return new ObsError(
    "NO_STATE",
    `no state at ${dir} (${why}); obs-migrate expected a v1 state directory: ${V1_FILES}`,
    {
      hint: `point --state-dir (or OBS_STATE_DIR / WATCHER_STATE_DIR) at the v1 state directory; a new installation needs no migration: obs-poll --state-dir ${dir} starts one`,
      exitCode: ExitCode.USAGE,
    },
  );
}

const V1_FILES =
  "*_snapshot_latest.json, capability_registry.json, benchmark_hashes.json or experiment_locks/";

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
