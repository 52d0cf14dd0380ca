// obs-migrate --to: copy a v2 state to another place (a bucket or a directory) and back, verified.
import {
  type CommandOutput,
  ndjson,
  outputMode,
  resolveStateDir,
  type Verbosity,
} from "@observatory/cli-kit";
import { copyState } from "@observatory/core";
import type { StateCopied } from "./records.js";

export async function copyCommand(input: {
  stateDir: string | undefined;
  to: string;
  json: boolean | undefined;
  verbosity: Verbosity;
}): Promise<CommandOutput> {
  const from = resolveStateDir(input.stateDir);
  const to = resolveStateDir(input.to);
  const report = await copyState(from, to);
  const record: StateCopied = { type: "STATE_COPIED", version: 1, ...report };
  const mode = outputMode(input.json);
  const summary = `obs-migrate: copied ${from} to ${to} and read it back: epoch ${report.epoch_id}, ${report.epochs} epochs, ${report.objects} objects, ${report.segments} history segments, ${report.locks} locks, ${report.events} events\n`;
  return {
    stdout: mode.ndjson ? ndjson(record) : "",
    stderr: input.verbosity === "quiet" ? "" : summary,
    exitCode: 0,
  };
}
