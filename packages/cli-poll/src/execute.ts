// Runs obs-poll or obs-bench once, after the entry module parsed the arguments: signals, env,
// knobs, progress, the run, and its output. Loaded lazily: everything heavy starts here.
import {
  type CommandOutput,
  lockOptions,
  openStateDir,
  outputMode,
  verbosity,
} from "@observatory/cli-kit";
import { loadEnv } from "@observatory/providers";
import { toOutput } from "./command.js";
import { envSeconds, pollKnobs } from "./knobs.js";
import { list, NUMBERS, type SharedArgv } from "./options.js";
import { progressEnabled, progressPrinter } from "./render/progress.js";
import { runObservatory } from "./run/run.js";
import type { Tool } from "./run-record.js";
import { VERSION } from "./version.js";

export async function execute(tool: Tool, args: SharedArgv): Promise<CommandOutput> {
  const poll = tool === "obs-poll";
  const started = Date.now();
  const controller = new AbortController();
  // SIGINT/SIGTERM: start no new calls, let in-flight ones finish, commit what completed.
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const mode = outputMode(args.json);
  const voice = verbosity(args);
  const progress = progressPrinter(progressEnabled(process.stderr, voice));
  try {
    const env = loadEnv();
    const webhookTimeout = envSeconds("webhook-timeout", args["webhook-timeout"], env);
    const webhookDeadline = envSeconds("webhook-deadline", args["webhook-deadline"], env);
    // Flag, else its variable (which observatory.config.json may have set), else none.
    const providers = args.providers ?? list(env["OBS_PROVIDERS"]);
    const probes = args.probes ?? (env["OBS_PROBES"] || undefined);
    const webhooks = args.webhooks ?? (env["OBS_WEBHOOKS"] || undefined);
    const report = await runObservatory({
      stateDir: await openStateDir(args["state-dir"]),
      tool,
      version: VERSION,
      poll,
      benchmark: poll ? args.benchmark === true : true,
      ...(providers ? { providers } : {}),
      ...(args.models ? { models: args.models } : {}),
      canary: args.canary !== false,
      canaryChanged: args["canary-changed"] === true,
      ...(probes ? { probesFile: probes } : {}),
      ...(webhooks ? { webhooksFile: webhooks } : {}),
      providerOptions: { env, callTimeoutMs: (args.timeout ?? NUMBERS.timeout.default) * 1000 },
      signal: controller.signal,
      ...lockOptions(args.wait, env),
      // Listing knobs concern obs-poll only: a stray env value must not fail obs-bench.
      ...(poll ? pollKnobs(args, env) : {}),
      ...(webhookTimeout === undefined ? {} : { webhookTimeoutMs: webhookTimeout * 1000 }),
      ...(webhookDeadline === undefined ? {} : { webhookDeadlineMs: webhookDeadline * 1000 }),
      onPhases: (s) => progress.update(s),
    });
    progress.clear();
    return toOutput(tool, report, mode, Date.now() - started, { verbosity: voice });
  } finally {
    progress.clear();
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}
