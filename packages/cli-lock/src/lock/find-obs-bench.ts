// Where obs-lock --benchmark-before-lock finds obs-bench. obs-lock runs it as a separate tool (the
// two talk through the state directory and NDJSON), so obs-lock does not depend on the package
// that ships it: OBS_BENCH_COMMAND names it (the umbrella `observatory` bin sets it), else PATH.
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";
import { ExitCode, ObsError } from "@observatory/core";

export interface BenchCommand {
  /** What to spawn, and the arguments that come before obs-bench's own. */
  file: string;
  prefix: string[];
  /** Where it was found, for messages. */
  from: "OBS_BENCH_COMMAND" | "PATH";
}

/** A script is run with this node, so it needs no shebang, exec bit or node on PATH. */
const SCRIPT = /\.(c|m)?js$/;

export function findObsBench(env: NodeJS.ProcessEnv = process.env): BenchCommand {
  const given = env["OBS_BENCH_COMMAND"];
  if (given !== undefined && given !== "") {
    return SCRIPT.test(given)
      ? { file: process.execPath, prefix: [given], from: "OBS_BENCH_COMMAND" }
      : { file: given, prefix: [], from: "OBS_BENCH_COMMAND" };
  }
  for (const dir of (env["PATH"] ?? "").split(delimiter)) {
    // An empty or relative PATH entry would make the answer depend on the working directory.
    if (dir === "" || !isAbsolute(dir)) continue;
    const file = join(dir, "obs-bench");
    if (executable(file)) return { file, prefix: [], from: "PATH" };
  }
  throw new ObsError(
    "OBS_BENCH_NOT_FOUND",
    "--benchmark-before-lock runs obs-bench, and there is no obs-bench on PATH",
    {
      hint:
        "install @observatory/cli-poll (it ships obs-bench), or run obs-bench and then obs-lock " +
        "without --benchmark-before-lock; OBS_BENCH_COMMAND may name the obs-bench to run",
      exitCode: ExitCode.USAGE,
    },
  );
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
