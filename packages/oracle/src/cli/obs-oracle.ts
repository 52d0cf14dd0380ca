// obs-oracle's entry point. Common `route` lines are read by hand (fast-route.ts: routing scripts
// call route per decision); every other line goes through the full parser (parse.ts, cli-kit and
// yargs), imported only then. The build makes this module one file with the oracle and the state
// reader (tsup.config.ts says why): node loads one file for `obs-oracle route`.
import { runMain } from "@observatory/cli-kit/light";
import { ExitCode } from "@observatory/core/errors";
import { execute } from "./execute.js";
import { fastRoute } from "./fast-route.js";

export async function main(argv: string[]): Promise<void> {
  await runMain(
    "obs-oracle",
    async () => {
      const run = fastRoute(argv) ?? (await (await import("./parse.js")).parseArgs(argv));
      if (run === null) return { exitCode: ExitCode.OK };
      return execute(run, { env: process.env, stdoutIsTTY: process.stdout.isTTY === true });
    },
    argv,
  );
}
