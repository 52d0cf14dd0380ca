// obs-bench: benchmark the current epoch's models (all, or --models) and commit one epoch.
// Like obs-poll's, this entry module parses arguments only and loads the run after.
import { runMain } from "@observatory/cli-kit";
import { ExitCode } from "@observatory/core/errors";
import { benchCli, checkBenchFlags } from "./options.js";
import { withRunRecord } from "./run-record.js";

export async function main(argv: string[]): Promise<void> {
  await runMain(
    "obs-bench",
    async () => {
      const args = await benchCli(argv).parseAsync();
      if (args.help || args.version) return { exitCode: ExitCode.OK };
      checkBenchFlags(argv, args);
      return withRunRecord("obs-bench", args.json, async () => {
        const { execute } = await import("./execute.js");
        return execute("obs-bench", args);
      });
    },
    argv,
  );
}
