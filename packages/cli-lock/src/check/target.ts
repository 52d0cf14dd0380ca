// Which epoch a check looks at: the one the run before `| obs-check` committed (./pipe.ts), the
// one named by --epoch, or the current one. Never "latest" by accident: the epoch is loaded and
// its manifest hash verified.
import {
  ExitCode,
  isEpochId,
  type LoadedEpoch,
  loadEpoch,
  ObsError,
  readCurrentEpoch,
  readPointer,
} from "@observatory/core";
import type { PipedEpoch } from "./pipe.js";

export interface Target {
  epoch: LoadedEpoch;
  source: "stdin" | "flag" | "current";
  notes: string[];
}

/**
 * The --epoch value as given, or a usage error. It becomes part of a manifest path, so anything
 * but an epoch id (a "..", a slash, an absolute path) is refused before the state is touched.
 */
export function validateEpochId(id: string): string {
  if (isEpochId(id)) return id;
  throw new ObsError("BAD_EPOCH_ID", `--epoch ${JSON.stringify(id)} is not an epoch id`, {
    hint: "epoch ids look like 20261121T052029.123Z-0000 (obs-poll's EPOCH_COMMITTED record names them)",
    exitCode: ExitCode.USAGE,
  });
}

export async function resolveTarget(
  stateDir: string,
  opts: { epoch?: string | undefined; piped?: PipedEpoch | null },
): Promise<Target> {
  const notes: string[] = [];
  if (opts.epoch !== undefined)
    return {
      epoch: await named(stateDir, validateEpochId(opts.epoch), null),
      source: "flag",
      notes,
    };
  if (opts.piped) {
    const epoch = await named(stateDir, opts.piped.epochId, opts.piped.manifestHash);
    return { epoch, source: "stdin", notes };
  }
  const read = await readCurrentEpoch(stateDir);
  if (!read.epoch) {
    throw new ObsError("NO_EPOCH", "the state directory holds no committed epoch", {
      hint: "run obs-poll first",
      exitCode: ExitCode.STATE,
    });
  }
  if (read.fellBack)
    notes.push(
      `the current epoch did not verify; checked the last good one, ${read.epoch.epochId}`,
    );
  return { epoch: read.epoch, source: "current", notes };
}

async function named(stateDir: string, id: string, hash: string | null): Promise<LoadedEpoch> {
  const ptr = await readPointer(stateDir);
  // An epoch newer than the pointer is a commit in progress or an aborted one, never committed.
  if (ptr.kind === "ok" && id > ptr.pointer.epoch_id) {
    throw new ObsError("EPOCH_NOT_COMMITTED", `epoch ${id} is not committed`, {
      hint: `the current epoch is ${ptr.pointer.epoch_id}`,
      exitCode: ExitCode.STATE,
    });
  }
  const r = await loadEpoch(stateDir, id, hash);
  if (r.ok) return r.epoch;
  const why = r.problems.map((p) => `${p.file}: ${p.reason}`).join("; ");
  throw new ObsError(
    r.missing ? "EPOCH_NOT_FOUND" : "EPOCH_UNVERIFIED",
    `epoch ${id} ${r.missing ? "is not in the state directory" : "does not verify"} (${why})`,
    {
      hint: r.missing ? "retention may have pruned it; check the current epoch instead" : undefined,
      exitCode: r.missing ? ExitCode.NOT_FOUND : ExitCode.STATE,
    },
  );
}
