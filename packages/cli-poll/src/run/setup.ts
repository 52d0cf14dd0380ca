// Everything a run needs before it touches a provider or takes the lock: refuse v1 state, read
// the probe file and webhook config. Bad input fails here, with nothing changed.
import { readFile } from "node:fs/promises";
import {
  BUILTIN_PROBES,
  detectV1,
  ExitCode,
  ObsError,
  type Probe,
  parseProbeFile,
  stateV1Error,
} from "@observatory/core";

/** A writer never writes v2 state into a v1 directory: the same error as every other tool. */
export async function refuseV1(stateDir: string): Promise<void> {
  const found = await detectV1(stateDir);
  if (found.length > 0) throw stateV1Error(stateDir, found);
}

export async function loadProbes(file: string | undefined): Promise<Probe[]> {
  if (file === undefined) return [...BUILTIN_PROBES];
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new ObsError(
      "PROBE_FILE_UNREADABLE",
      `cannot read probe file ${file}: ${(e as NodeJS.ErrnoException).code}`,
      {
        exitCode: ExitCode.USAGE,
      },
    );
  }
  const r = parseProbeFile(text);
  // Every problem, one a line with its place in the file, under the file's name.
  if (!r.ok)
    throw new ObsError("PROBE_FILE_INVALID", `${file}: ${r.error.message}`, {
      ...(r.error.hint === undefined ? {} : { hint: r.error.hint }),
      exitCode: ExitCode.USAGE,
    });
  return [...BUILTIN_PROBES, ...r.probes];
}
