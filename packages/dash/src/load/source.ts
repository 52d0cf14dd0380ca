// Where the interactive view gets its worlds: a full read, a cheap re-read of the log and locks
// for the same epoch, and change notifications. Every failure becomes a Failure to show on
// screen (message and hint, never a stack): a corrupt or empty state is a screen, not a crash.
import { describeError, ExitCode, isObsError } from "@observatory/core";
import type { Failure } from "../errors.js";
import { type StateChange, watchState } from "./watch.js";
import { loadWorld, reloadLogAndLocks, type World } from "./world.js";

export type Loaded = { ok: true; world: World } | { ok: false; failure: Failure };

export interface WorldSource {
  stateDir: string;
  load(): Promise<Loaded>;
  /** The same epoch with the event log and locks read again. */
  reloadLogAndLocks(world: World): Promise<Loaded>;
  /** Calls back on each change to the state directory; returns a stop function. */
  watch(onChange: (change: StateChange) => void): () => void;
}

export function stateSource(stateDir: string, now: () => Date = () => new Date()): WorldSource {
  return {
    stateDir,
    load: () => settle(loadWorld(stateDir, { now })),
    reloadLogAndLocks: (world) => settle(reloadLogAndLocks(world)),
    watch: (onChange) => watchState(stateDir, onChange),
  };
}

async function settle(p: Promise<World>): Promise<Loaded> {
  try {
    return { ok: true, world: await p };
  } catch (e) {
    return { ok: false, failure: toFailure(e) };
  }
}

export function toFailure(e: unknown): Failure {
  if (isObsError(e)) {
    return { code: e.code, message: e.message, hint: e.hint ?? null, exitCode: e.exitCode };
  }
  const errno = (e as NodeJS.ErrnoException).code;
  if (typeof errno === "string" && errno.startsWith("E")) {
    return {
      code: "STATE_UNREADABLE",
      message: describeError(e),
      hint: "check the state directory's permissions",
      exitCode: ExitCode.STATE,
    };
  }
  return {
    code: "INTERNAL",
    message: `internal error: ${describeError(e)}`,
    hint: "please report it (OBS_DEBUG=1 obs-dash --json prints the stack)",
    exitCode: ExitCode.INTERNAL,
  };
}
