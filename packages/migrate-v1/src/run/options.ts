// Options of a migration run, shared by the phases.

/** Named points a run passes; the bin can stall at one (a test hook for SIGKILL tests). */
export type Checkpoint =
  | "backup"
  | "backed-up"
  | "prepared"
  | "commit:objects"
  | "commit:manifest"
  | "commit:events"
  | "commit:pointer"
  | "commit:retention"
  | "committed"
  | "locks"
  | "retire";

export interface MigrateOptions {
  stateDir: string;
  /** Print the plan, change nothing. */
  dryRun?: boolean;
  /** obs-migrate's version, recorded in the journal and as epoch 0's writer. */
  version: string;
  /** Aborting stops the run at the next step boundary (exit 130); a re-run finishes it. */
  signal?: AbortSignal;
  /** Instance lock staleness (core's default when absent). */
  staleMs?: number;
  /** Queue behind a live holder of the instance lock for up to this long. */
  waitMs?: number;
  now?: () => Date;
  checkpoint?: (at: Checkpoint) => Promise<void> | void;
  /** Told each step as it starts or ends, in words ("backing up 12 files ..."), for --verbose. */
  step?: (what: string) => void;
}
