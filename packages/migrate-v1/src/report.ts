// What a run of obs-migrate did (or, with --dry-run, would do): the one record it prints, and
// the exit code that follows from it.
import { ExitCode } from "@observatory/core";
import type { BenchmarkStats } from "./plan/benchmarks.js";
import type { Verification } from "./plan/locks.js";
import type { RegistryStats } from "./plan/registry.js";

export type Outcome =
  /** The directory was migrated (or an interrupted migration was completed). */
  | "migrated"
  /** --dry-run: the plan; nothing was changed. */
  | "dry_run"
  /** A previous run completed the migration; nothing to do. */
  | "already_migrated"
  /** A v2 state directory obs-migrate did not make; nothing to do. */
  | "already_v2"
  /** No v1 files: nothing to do. */
  | "nothing_to_migrate"
  /** Another instance holds the state directory's lock; skipped. */
  | "locked";

export interface LockReport {
  name: string;
  v1_file: string;
  model_ids: Verification;
  registry: Verification;
  /** written; unchanged (an earlier run wrote the same lock); collision (a different v2 lock of
   * that name exists and was left alone); invalid (not migratable); planned (--dry-run). */
  result: "written" | "unchanged" | "collision" | "invalid" | "planned";
  /** The v2 lock file, relative to the state directory. */
  path: string | null;
}

export interface FileNote {
  file: string;
  reason: string;
}

export interface MigrationReport {
  type: "MIGRATION_REPORT";
  outcome: Outcome;
  state_dir: string;
  message: string;
  /** This run completed a migration an earlier, interrupted run had started. */
  resumed: boolean;
  backup_dir: string | null;
  /** Epoch 0: the first v2 epoch, built from the v1 snapshots. */
  epoch: { epoch_id: string; manifest_hash: string } | null;
  fingerprint_scheme: string | null;
  providers: Array<{ provider: string; file: string; models: number }>;
  provider_errors: Array<{ provider: string; message: string }>;
  registry: RegistryStats | null;
  benchmarks: BenchmarkStats | null;
  locks: LockReport[];
  /** Corrupt v1 files moved to <file>.corrupt.<stamp> (to: null in a dry run). */
  quarantined: Array<FileNote & { to: string | null }>;
  /** v1 files that could not be carried for another reason (duplicates, invalid lock names). */
  skipped: FileNote[];
  /** v2 files that already existed and were left alone. */
  collisions: FileNote[];
  /** v1 files that changed after the backup was taken and so were not touched. */
  left_in_place: FileNote[];
  /** v1 files removed from the live directory after the commit (their copies are in the backup). */
  retired: string[];
  /** Lines of events.jsonl, which is kept as it is and appended to. */
  events_log: { legacy: number; v2: number; invalid: number } | null;
  /** Events this run appended (STATE_CORRUPT for quarantined files). */
  events_appended: number;
}

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
