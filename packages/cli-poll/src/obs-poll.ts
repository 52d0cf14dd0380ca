// obs-poll: poll provider registries, canary new models, optionally benchmark; commit one epoch.
// This entry module parses arguments only: the run (providers, undici, zod, the state engine) is
// loaded after parsing, so --help and --version stay fast.
import { runMain } from "@observatory/cli-kit";
import { ExitCode } from "@observatory/core/errors";
import { checkPollFlags, pollCli } from "./options.js";
import { withRunRecord } from "./run-record.js";

export async function main(argv: string[]): Promise<void> {
  await runMain(
    "obs-poll",
    async () => {
      const args = await pollCli(argv).parseAsync();
      if (args.help || args.version) return { exitCode: ExitCode.OK };
      checkPollFlags(argv, args);
      if (args["list-providers"]) {
        const { listProviders } = await import("./list-providers.js");
        return listProviders(args.json);
      }
      return withRunRecord("obs-poll", args.json, async () => {
        const { execute } = await import("./execute.js");
        return execute("obs-poll", args);
      });
    },
    argv,
  );
}
