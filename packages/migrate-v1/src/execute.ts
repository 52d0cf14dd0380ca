// What obs-migrate does once its command line is parsed: run the migration (or the dry run) and
// turn the report into stdout, stderr and an exit code. Loaded lazily by the entry module, so
// core and zod are loaded only by a run that needs them.
import {
  type CommandOutput,
  lockOptions,
  ndjson,
  outputMode,
  resolveStateDir,
  type Verbosity,
} from "@observatory/cli-kit";
import { terminalSafe } from "@observatory/core/errors";
import { stallHook } from "./_stall.js";
import { renderReport } from "./render.js";
import { exitCodeFor } from "./report.js";
import { migrate } from "./run/migrate.js";
import { VERSION } from "./version.js";

export interface ExecuteInput {
  stateDir: string | undefined;
  dryRun: boolean;
  wait: unknown;
  json: boolean | undefined;
  verbosity: Verbosity;
}

export async function execute(input: ExecuteInput): Promise<CommandOutput> {
  const controller = new AbortController();
  // SIGINT/SIGTERM: stop at the next step boundary; a re-run finishes from the journal.
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    const checkpoint = stallHook(process.env["OBS_MIGRATE_STALL_AT"]);
    const report = await migrate({
      stateDir: resolveStateDir(input.stateDir),
      dryRun: input.dryRun,
      version: VERSION,
      signal: controller.signal,
      ...lockOptions(input.wait),
      ...(checkpoint ? { checkpoint } : {}),
      // --verbose: each step as it happens, not in the summary at the end.
      ...(input.verbosity === "verbose"
        ? { step: (what: string) => process.stderr.write(`obs-migrate: ${terminalSafe(what)}\n`) }
        : {}),
    });
    const mode = outputMode(input.json);
    const exitCode = exitCodeFor(report);
    const summary = renderReport(report, mode.humanTty);
    return {
      stdout: mode.ndjson ? ndjson(report) : "",
      // --quiet keeps stderr for errors: a run that ends non-zero (quarantined or colliding
      // files, a held lock) still says why; a clean one says nothing.
      stderr: input.verbosity === "quiet" && exitCode === 0 ? "" : summary,
      exitCode,
    };
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}
