// obs-poll: poll provider registries, canary new models, optionally benchmark; commit one epoch.
import { type CommandOutput, ndjson, outputMode, runMain, table } from "@observatory/cli-kit";
import { ExitCode } from "@observatory/core";
import { listProvidersInfo, loadEnv } from "@observatory/providers";
import { execute } from "./execute.js";
import { sharedCli } from "./options.js";

export async function main(argv: string[]): Promise<void> {
  await runMain("obs-poll", async () => {
    const cli = sharedCli("obs-poll", argv)
      .usage(
        "$0 [options]\n\nPoll every configured provider's model registry into one new epoch: additions, removals and\nfield-level metadata changes become events; new models get a canary call. With --benchmark,\nprobe behaviour too (MATCH / VARIANT / DRIFT with confirmation sampling).",
      )
      .option("benchmark", {
        type: "boolean",
        describe: "Also run the benchmark probes on the polled models",
        default: false,
      })
      .option("canary", {
        type: "boolean",
        describe: "Canary models that are new since the last poll (--no-canary to skip)",
        default: true,
      })
      .option("canary-changed", {
        type: "boolean",
        describe: "Also canary models whose metadata changed",
        default: false,
      })
      .option("canary-max", {
        type: "number",
        describe:
          "Canaries per provider per poll; the rest go in later polls (env OBS_CANARY_MAX; default 20)",
      })
      .option("suspect-share", {
        type: "number",
        describe:
          "A listing that loses more than this share of a provider's models at once (or all of them) is held as suspect, not removal (env OBS_SUSPECT_SHARE; default 0.5)",
      })
      .option("suspect-polls", {
        type: "number",
        describe:
          "Polls a suspect shrink must persist before its removals are reported (env OBS_SUSPECT_POLLS; default 2)",
      })
      .option("list-providers", {
        type: "boolean",
        describe: "Show which providers are configured (keys masked) and exit",
      })
      .epilog(EPILOG);
    const args = await cli.parseAsync();
    if (args.help || args.version) return { exitCode: ExitCode.OK };
    if (args["list-providers"]) return listProviders(args.json);
    return execute("obs-poll", args, true);
  });
}

async function listProviders(json: boolean | undefined): Promise<CommandOutput> {
  const infos = await listProvidersInfo(loadEnv());
  if (outputMode(json).ndjson)
    return { stdout: infos.map((i) => ndjson(i)).join(""), exitCode: ExitCode.OK };
  const rows = infos.map((i) => [
    i.name,
    i.configured ? "yes" : "no",
    i.keyEnv ?? "-",
    i.key,
    i.baseUrl,
    i.note ?? "",
  ]);
  return {
    stderr: `${table(["provider", "configured", "key variable", "key", "base URL", "note"], rows)}\n`,
    exitCode: ExitCode.OK,
  };
}

export const EPILOG = `Output: NDJSON events on stdout when it is not a terminal (or with --json), the last record
naming the committed epoch, so \`obs-poll | obs-check --all\` checks exactly that epoch. A human
summary goes to stderr.

A listing that suddenly loses most of a provider's models is held as LISTING_SUSPECT (previous
snapshot carried forward) until the shrink persists --suspect-polls polls. Webhooks are sent
after the commit, with the lock released, under --webhook-timeout and --webhook-deadline; a
corrupt webhooks.json is reported and the poll goes on.

Exit codes: 0 ok; 1 behaviour drift confirmed; 2 usage or configuration error; 3 nothing could
be measured; 4 another instance holds the state directory's lock (skipped; see --wait), or this
run lost its lock while paused (nothing committed); 5 state directory unusable; 130 interrupted
(what completed was committed).

Keys come from the environment or a .env file (OPENAI_API_KEY, ANTHROPIC_API_KEY, ...); base URLs
from OBS_<PROVIDER>_BASE_URL. Knobs also read from the environment: OBS_CANARY_MAX,
OBS_SUSPECT_SHARE, OBS_SUSPECT_POLLS, OBS_WEBHOOK_TIMEOUT, OBS_WEBHOOK_DEADLINE.`;
