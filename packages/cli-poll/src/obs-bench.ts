// obs-bench: benchmark the current epoch's models (all, or --models) and commit one epoch.
import { runMain } from "@observatory/cli-kit";
import { ExitCode } from "@observatory/core";
import { execute } from "./execute.js";
import { EPILOG } from "./obs-poll.js";
import { sharedCli } from "./options.js";

export async function main(argv: string[]): Promise<void> {
  await runMain("obs-bench", async () => {
    const cli = sharedCli("obs-bench", argv)
      .usage(
        "$0 [options]\n\nRun the benchmark probes on the models of the current epoch (all of them, or --models), classify\neach answer MATCH / VARIANT / CANDIDATE / DRIFT with confirmation sampling, and commit one epoch.\nA mismatch costs up to two more calls; drift is confirmed only by persistence, never by one answer.",
      )
      .epilog(EPILOG);
    const args = await cli.parseAsync();
    if (args.help || args.version) return { exitCode: ExitCode.OK };
    return execute("obs-bench", args, false);
  });
}
