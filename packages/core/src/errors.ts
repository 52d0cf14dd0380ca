// One typed error family for failures a user can hit. Programmer mistakes stay plain Error.
import { redact } from "./redact.js";

/** Documented, distinct process exit codes shared by every tool. */
export const ExitCode = {
  OK: 0,
  /** Drift confirmed, a lock violated, or an invariant broken. */
  DRIFT: 1,
  /** Bad flags, bad input files or configuration; nothing was changed. */
  USAGE: 2,
  /** The run could not measure anything (every provider failed, or none configured). */
  NOTHING_MEASURED: 3,
  /** Another instance holds the state directory's lock; this run skipped cleanly. */
  LOCKED: 4,
  /** The state directory could not be read or written (permissions, disk full, no good epoch). */
  STATE: 5,
  /** A named thing (an experiment lock, a model) does not exist. */
  NOT_FOUND: 6,
  /** A bug: an unexpected internal error (please report it). */
  INTERNAL: 70,
  /** Interrupted by SIGINT/SIGTERM after committing what completed. */
  INTERRUPTED: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface ObsErrorOptions {
  hint?: string;
  exitCode?: ExitCodeValue;
  cause?: unknown;
  /** Secret values to strip from the message and hint in addition to the generic patterns. */
  secrets?: Iterable<string | undefined>;
}

/** Marks an ObsError across copies of this module (the ESM and CJS builds, two installs). */
const OBS_ERROR = Symbol.for("@observatory/core.ObsError");

export class ObsError extends Error {
  override readonly name = "ObsError";
  readonly [OBS_ERROR] = true;
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: ExitCodeValue;

  constructor(code: string, message: string, options: ObsErrorOptions = {}) {
    const secrets = options.secrets ? [...options.secrets] : [];
    super(
      redact(message, secrets),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.hint = options.hint === undefined ? undefined : redact(options.hint, secrets);
    this.exitCode = options.exitCode ?? ExitCode.USAGE;
  }
}

export function isObsError(e: unknown): e is ObsError {
  return e instanceof ObsError || (e instanceof Error && OBS_ERROR in e);
}

/** A one-line, secret-free description of any thrown value. */
export function describeError(e: unknown, secrets: Iterable<string | undefined> = []): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    const prefix = typeof code === "string" ? `${code}: ` : "";
    return redact(`${prefix}${e.message}`, secrets);
  }
  return redact(String(e), secrets);
}
