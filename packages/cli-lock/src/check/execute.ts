// obs-check after its arguments are parsed: everything heavy (core's state code, zod, the
// webhook sender) loads from here, so `obs-check --help` never pays for it.
import {
  type CommandOutput,
  lockOptions,
  openStateDir,
  outputMode,
  verbosity,
} from "@observatory/cli-kit";
import { validateLockName } from "@observatory/core";
import { checkRecords, renderCheck } from "./render.js";
import { checkExitCode, runCheck } from "./run.js";
import { pipedStdin } from "./stdin.js";
import { validateEpochId } from "./target.js";

export interface CheckArgs {
  "state-dir"?: string | undefined;
  json?: boolean | undefined;
  quiet?: boolean | undefined;
  verbose?: boolean | undefined;
  names?: Array<string | number> | undefined;
  all?: boolean | undefined;
  epoch?: string | undefined;
  stdin?: boolean | undefined;
  webhooks?: string | undefined;
  wait?: unknown;
  wide?: boolean | undefined;
}

/** Columns for the human report: the terminal's on a TTY, else 100; null with --wide. */
export function reportWidth(wide: boolean | undefined): number | null {
  if (wide) return null;
  const columns = process.stderr.isTTY ? process.stderr.columns : undefined;
  // A terminal that reports no size (0 columns, some pseudo-terminals) gets the default too.
  return columns && columns > 0 ? columns : 100;
}

export async function execute(a: CheckArgs): Promise<CommandOutput> {
  const names = (a.names ?? []).map(String);
  // Bad names and epoch ids are usage errors before a piped run is waited for.
  names.forEach(validateLockName);
  if (a.epoch !== undefined) validateEpochId(a.epoch);
  const waitOptions = lockOptions(a.wait);
  const stdin = a.epoch === undefined ? await pipedStdin(a.stdin) : null;
  const report = await runCheck({
    stateDir: await openStateDir(a["state-dir"]),
    names,
    all: a.all === true,
    epoch: a.epoch,
    stdin,
    // The flag, else OBS_WEBHOOKS (which observatory.config.json may have set).
    webhooksFile: a.webhooks ?? (process.env["OBS_WEBHOOKS"] || undefined),
    ...waitOptions,
  });
  return {
    ...(outputMode(a.json).ndjson ? { stdout: checkRecords(report) } : {}),
    stderr: renderCheck(report, { width: reportWidth(a.wide), verbosity: verbosity(a) }),
    exitCode: checkExitCode(report),
  };
}
