// obs-oracle's entry point. Common `route` lines are read by hand (fast-route.ts: routing scripts
// call route per decision); every other line goes through the full parser (parse.ts, cli-kit and
// yargs, bundled into this bin so the SDK's dependencies stay core and zod). The oracle itself
// (core, zod, the state reader) is imported only once the arguments are known, so a usage error
// or a help page never loads it.
import { runMain } from "@observatory/cli-kit/light";
import { ExitCode } from "@observatory/core/errors";
import { fastRoute } from "./fast-route.js";

export async function main(argv: string[]): Promise<void> {
  await runMain(
    "obs-oracle",
    async () => {
      const run = fastRoute(argv) ?? (await (await import("./parse.js")).parseArgs(argv));
      if (run === null) return { exitCode: ExitCode.OK };
      const { execute } = await import("./execute.js");
      return execute(run, { env: process.env, stdoutIsTTY: process.stdout.isTTY === true });
    },
    argv,
  );
}
