// Runs obs-poll or obs-bench once: signals, env, progress, the run, and its output.
import { type CommandOutput, lockOptions, outputMode, resolveStateDir } from "@observatory/cli-kit";
import { loadEnv } from "@observatory/providers";
import { toOutput } from "./command.js";
import { pollKnobs } from "./knobs.js";
import { type SharedArgv, seconds } from "./options.js";
import { progressPrinter } from "./render/progress.js";
import { runObservatory } from "./run/run.js";
import { VERSION } from "./version.js";

export async function execute(
  tool: "obs-poll" | "obs-bench",
  args: SharedArgv & {
    benchmark?: boolean;
    canary?: boolean;
    "canary-changed"?: boolean;
    "canary-max"?: number | undefined;
    "suspect-share"?: number | undefined;
    "suspect-polls"?: number | undefined;
  },
  poll: boolean,
): Promise<CommandOutput> {
  const started = Date.now();
  const controller = new AbortController();
  // SIGINT/SIGTERM: start no new calls, let in-flight ones finish, commit what completed.
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const mode = outputMode(args.json);
  const progress = progressPrinter(mode.humanTty && (args.benchmark === true || !poll));
  try {
    const env = loadEnv();
    const webhookTimeout = seconds(
      "--webhook-timeout (or OBS_WEBHOOK_TIMEOUT)",
      args["webhook-timeout"] ?? env["OBS_WEBHOOK_TIMEOUT"],
    );
    const webhookDeadline = seconds(
      "--webhook-deadline (or OBS_WEBHOOK_DEADLINE)",
      args["webhook-deadline"] ?? env["OBS_WEBHOOK_DEADLINE"],
    );
    const report = await runObservatory({
      stateDir: resolveStateDir(args["state-dir"]),
      tool,
      version: VERSION,
      poll,
      benchmark: poll ? args.benchmark === true : true,
      ...(args.providers ? { providers: args.providers } : {}),
      ...(args.models ? { models: args.models } : {}),
      canary: args.canary !== false,
      canaryChanged: args["canary-changed"] === true,
      ...(args.probes ? { probesFile: args.probes } : {}),
      ...(args.webhooks ? { webhooksFile: args.webhooks } : {}),
      providerOptions: { env, callTimeoutMs: args.timeout * 1000 },
      signal: controller.signal,
      ...lockOptions(args.wait, env),
      // Listing knobs concern obs-poll only: a stray env value must not fail obs-bench.
      ...(poll ? pollKnobs(args, env) : {}),
      ...(webhookTimeout === undefined ? {} : { webhookTimeoutMs: webhookTimeout * 1000 }),
      ...(webhookDeadline === undefined ? {} : { webhookDeadlineMs: webhookDeadline * 1000 }),
      onProgress: (d, t) => progress.update(d, t),
    });
    progress.clear();
    return toOutput(tool, report, mode, Date.now() - started);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}
