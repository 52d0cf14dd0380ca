// What a run of obs-migrate did (or, with --dry-run, would do): the one record it prints, and
// the exit code that follows from it.
import { ExitCode } from "@observatory/core/errors";
import type { z } from "zod";
import type {
  FileNoteSchema,
  LockReportSchema,
  MigrationReportSchema,
  OUTCOMES,
} from "./records.js";

export type Outcome = (typeof OUTCOMES)[number];
export type LockReport = z.infer<typeof LockReportSchema>;
export type FileNote = z.infer<typeof FileNoteSchema>;
export type MigrationReport = z.infer<typeof MigrationReportSchema>;

export function problems(r: MigrationReport): number {
  return r.quarantined.length + r.skipped.length + r.collisions.length + r.left_in_place.length;
}

/**
 * 0: migrated cleanly, or nothing to do. 1: migrated (or would migrate), but something could not
 * be carried as it was (a corrupt file quarantined, a collision, a file left in place), or v1
 * files sit beside v2 state and were not migrated. 4: locked.
 * Usage (2), state (5) and interruption (130) errors are thrown as ObsError.
 */
export function exitCodeFor(r: MigrationReport): number {
  if (r.outcome === "locked") return ExitCode.LOCKED;
  // A completed migration's own problems were reported (exit 1) when they happened; later runs
  // fail only on new ones: v1 files put back beside the v2 state.
  if (r.outcome === "already_migrated")
    return r.collisions.length > 0 ? ExitCode.DRIFT : ExitCode.OK;
  return problems(r) > 0 ? ExitCode.DRIFT : ExitCode.OK;
}

export function emptyReport(stateDir: string, outcome: Outcome, message: string): MigrationReport {
  return {
    type: "MIGRATION_REPORT",
    version: 1,
    outcome,
    state_dir: stateDir,
    message,
    resumed: false,
    backup_dir: null,
    epoch: null,
    fingerprint_scheme: null,
    providers: [],
    provider_errors: [],
    registry: null,
    benchmarks: null,
    locks: [],
    quarantined: [],
    skipped: [],
    collisions: [],
    left_in_place: [],
    retired: [],
    events_log: null,
    events_appended: 0,
  };
}
