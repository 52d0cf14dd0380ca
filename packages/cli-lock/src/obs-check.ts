// obs-check: is a locked experiment still running on the models it was locked to?
import { fstatSync } from "node:fs";
import {
  baseCli,
  lockOptions,
  lockWaitOption,
  outputMode,
  resolveStateDir,
  runMain,
} from "@observatory/cli-kit";
import { ExitCode } from "@observatory/core";
import { checkRecords, renderCheck } from "./check/render.js";
import { checkExitCode, runCheck } from "./check/run.js";
import { VERSION } from "./version.js";

export async function main(argv: string[]): Promise<void> {
  await runMain(async () => {
    const args = await baseCli("obs-check", VERSION, argv)
      .usage(USAGE)
      .command("$0 [names..]", false)
      .positional("names", { type: "string", array: true, describe: "Locks to check" })
      .option("all", { type: "boolean", describe: "Check every lock in the state directory" })
      .option("epoch", {
        type: "string",
        describe: "Check this committed epoch instead of the current one",
      })
      .option("stdin", {
        type: "boolean",
        describe:
          "Read obs-poll's NDJSON on stdin and check the epoch it committed (default: when stdin is a pipe or file; --no-stdin to ignore it)",
      })
      .option("webhooks", {
        type: "string",
        describe: "Webhook config (default: <state-dir>/webhooks.json when it exists)",
      })
      .option("wait", lockWaitOption)
      .epilog(EPILOG)
      .parseAsync();
    if (args.help || args.version) return { exitCode: ExitCode.OK };
    const mode = outputMode(args.json);
    const stdin = args.epoch === undefined ? await pipedStdin(args.stdin) : null;
    const report = await runCheck({
      stateDir: resolveStateDir(args["state-dir"]),
      names: (args.names ?? []).map(String),
      all: args.all === true,
      epoch: args.epoch,
      stdin,
      webhooksFile: args.webhooks,
      ...lockOptions(args.wait),
    });
    return {
      ...(mode.ndjson ? { stdout: checkRecords(report) } : {}),
      stderr: renderCheck(report),
      exitCode: checkExitCode(report),
    };
  });
}

/** Everything piped in, or null when stdin is a terminal or /dev/null (nothing was piped). */
async function pipedStdin(flag: boolean | undefined): Promise<string | null> {
  if (flag === false) return null;
  if (flag !== true) {
    if (process.stdin.isTTY) return null;
    try {
      const st = fstatSync(0);
      if (!(st.isFIFO() || st.isFile() || st.isSocket())) return null;
    } catch {
      return null;
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const USAGE = `$0 NAME... | --all [options]

Check experiment locks against the current epoch, or against the epoch obs-poll just committed
when its output is piped in:

  obs-poll --benchmark | obs-check --all

Structure: the models in the lock's scope, added, removed or changed (with field diffs) since the
locked epoch. Behaviour: each pinned (model, probe) baseline is MATCH, VARIANT (sampling noise or
an unconfirmed candidate: never a failure), DRIFT (a confirmed BEHAVIOR_DRIFT since the lock) or
MISSING (no observation: logged as BENCHMARK_MISSING, WARN).`;

const EPILOG = `A violated lock logs one EXPERIMENT_DRIFT event and sends it to the webhooks; a finding already
reported is not repeated. Lock files are never modified.

Output: a report with tables on stderr; NDJSON on stdout when it is not a terminal (or with
--json): the events logged, then one LOCK_CHECK record per lock.

Exit codes: 0 every lock clean (warnings allowed); 1 a lock is violated; 2 usage error; 5 the
state directory (or a lock file) cannot be read; 6 no such lock.`;
