// The flags of obs-poll and obs-bench, declared for the entry modules: this file loads only
// cli-kit and core's light errors entry, so --help and --version never load the run. Every
// numeric flag says what it accepts, and a flag that would do nothing in the combination given
// is refused instead of silently ignored.
import {
  baseCli,
  flagWritten,
  lockWaitOption,
  type NumberSpec,
  numberOption,
} from "@observatory/cli-kit";
import { ExitCode, ObsError } from "@observatory/core/errors";
import { VERSION } from "./version.js";

/** Numeric flags and what they accept; the same ranges apply to their environment variables. */
export const NUMBERS = {
  timeout: {
    describe: "Seconds allowed for one canary or benchmark call",
    min: 0.1,
    max: 3600,
    unit: "seconds",
    default: 60,
  },
  "webhook-timeout": {
    describe:
      "Seconds one webhook request may take, answer included (env OBS_WEBHOOK_TIMEOUT; default 10)",
    min: 0.1,
    max: 600,
    unit: "seconds",
  },
  "webhook-deadline": {
    describe:
      "Seconds all of a run's webhook deliveries may take, after the lock is released (env OBS_WEBHOOK_DEADLINE; default 30)",
    min: 0.1,
    max: 3600,
    unit: "seconds",
  },
  "canary-max": {
    describe:
      "Canaries per provider per poll; the rest go in later polls (env OBS_CANARY_MAX; default 20)",
    min: 0,
    max: 1000,
    integer: true,
    unit: "canaries",
  },
  "suspect-share": {
    describe:
      "A listing that loses more than this share of a provider's models at once (or all of them) is held as suspect, not removal (env OBS_SUSPECT_SHARE; default 0.5)",
    above: 0,
    max: 1,
  },
  "suspect-polls": {
    describe:
      "Polls a suspect shrink must persist before its removals are reported (env OBS_SUSPECT_POLLS; default 2)",
    min: 1,
    max: 100,
    integer: true,
    unit: "polls",
  },
} as const satisfies Record<string, NumberSpec>;

/** Comma-separated or repeated: --providers a,b --providers c -> [a, b, c]. */
export function list(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  const items = (Array.isArray(v) ? v : [v])
    .flatMap((x) => String(x).split(","))
    .map((s) => s.trim());
  return items.filter((s) => s !== "");
}

const number = (flag: keyof typeof NUMBERS) => numberOption(flag, NUMBERS[flag]);

function sharedCli(name: "obs-poll" | "obs-bench", argv: string[]) {
  return baseCli(name, VERSION, argv)
    .option("providers", {
      type: "string",
      array: true,
      describe:
        "Only these providers (comma-separated): openai, anthropic, google, xai, mistral, deepseek, openrouter, venice, volink, zhipu, moonshot, ollama",
      coerce: list,
    })
    .option("models", {
      type: "string",
      array: true,
      describe:
        name === "obs-poll"
          ? "With --benchmark: benchmark only these models, as provider/model (comma-separated)"
          : "Benchmark only these models, as provider/model (comma-separated)",
      coerce: list,
    })
    .option("probes", {
      type: "string",
      describe:
        name === "obs-poll"
          ? "With --benchmark: a probe file adding your own prompts to the six built-in ones (docs/probes.md)"
          : "A probe file adding your own benchmark prompts to the six built-in ones (docs/probes.md)",
    })
    .option("webhooks", {
      type: "string",
      describe: "Webhook config (default: <state-dir>/webhooks.json when it exists)",
    })
    .option("wait", lockWaitOption)
    .option("webhook-timeout", number("webhook-timeout"))
    .option("webhook-deadline", number("webhook-deadline"))
    .option("timeout", number("timeout"));
}

export function pollCli(argv: string[]) {
  return sharedCli("obs-poll", argv)
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
    .option("canary-max", number("canary-max"))
    .option("suspect-share", number("suspect-share"))
    .option("suspect-polls", number("suspect-polls"))
    .option("list-providers", {
      type: "boolean",
      describe: "Show which providers are configured (keys masked) and exit",
    })
    .example("$0 --providers openai,anthropic", "Poll two providers; canary their new models")
    .example(
      "$0 --benchmark --models openai/gpt-4o",
      "Poll, and probe one model's behaviour (MATCH / VARIANT / DRIFT)",
    )
    .example(
      "set -o pipefail; $0 | obs-check --all",
      "Check every lock against exactly the epoch this poll commits",
    )
    .epilog(EPILOG);
}

export function benchCli(argv: string[]) {
  return sharedCli("obs-bench", argv)
    .usage(
      "$0 [options]\n\nRun the benchmark probes on the models of the current epoch (all of them, or --models), classify\neach answer MATCH / VARIANT / CANDIDATE / DRIFT with confirmation sampling, and commit one epoch.\nA mismatch costs up to two more calls; drift is confirmed only by persistence, never by one answer.",
    )
    .example(
      "$0 --models openai/gpt-4o,openai/gpt-4o-mini",
      "Benchmark two models of the current epoch",
    )
    .example(
      "$0 --providers openai --probes probes.json --timeout 120",
      "Every openai model, with your own probes added, 120 s per call",
    )
    .epilog(EPILOG);
}

export type PollArgv = Awaited<ReturnType<ReturnType<typeof pollCli>["parseAsync"]>>;
export type BenchArgv = Awaited<ReturnType<ReturnType<typeof benchCli>["parseAsync"]>>;

/** What the run reads of either tool's arguments (obs-bench has no listing flags). */
export interface SharedArgv {
  "state-dir"?: string | undefined;
  json?: boolean | undefined;
  quiet?: boolean | undefined;
  verbose?: boolean | undefined;
  providers?: string[] | undefined;
  models?: string[] | undefined;
  probes?: string | undefined;
  webhooks?: string | undefined;
  wait?: unknown;
  "webhook-timeout"?: number | undefined;
  "webhook-deadline"?: number | undefined;
  timeout?: number | undefined;
  benchmark?: boolean | undefined;
  canary?: boolean | undefined;
  "canary-changed"?: boolean | undefined;
  "canary-max"?: number | undefined;
  "suspect-share"?: number | undefined;
  "suspect-polls"?: number | undefined;
}

function pointless(what: string, hint: string): ObsError {
  return new ObsError("USAGE", what, { hint, exitCode: ExitCode.USAGE });
}

/** Flags that would do nothing (or contradict each other) in the combination given: exit 2. */
export function checkPollFlags(argv: readonly string[], args: PollArgv): void {
  const written = (f: string) => flagWritten(argv, f);
  if (args["list-providers"]) {
    const run = [
      "benchmark",
      "canary",
      "canary-changed",
      "canary-max",
      "suspect-share",
      "suspect-polls",
      "providers",
      "models",
      "probes",
      "webhooks",
      "wait",
      "webhook-timeout",
      "webhook-deadline",
      "timeout",
    ].filter(written);
    if (run.length > 0)
      throw pointless(
        `--${run[0]} does nothing with --list-providers, which only shows the configured providers and polls nothing`,
        `run obs-poll --list-providers alone, or drop it to poll`,
      );
    return;
  }
  if (!args.benchmark) {
    for (const f of ["models", "probes"])
      if (written(f))
        throw pointless(
          `--${f} does nothing without --benchmark: obs-poll only benchmarks with --benchmark`,
          `add --benchmark (obs-poll --benchmark --${f} ...), or use obs-bench --${f} ... to benchmark the current epoch without polling`,
        );
  }
  if (args.canary === false) {
    for (const f of ["canary-changed", "canary-max"])
      if (written(f))
        throw pointless(
          `--${f} does nothing with --no-canary, which sends no canary`,
          `drop --no-canary, or drop --${f}`,
        );
    if (!args.benchmark && written("timeout"))
      throw pointless(
        "--timeout does nothing with --no-canary and without --benchmark: no call is made that it would limit",
        "drop --timeout, or add --benchmark",
      );
  }
  checkModelsInProviders(args);
}

export function checkBenchFlags(_argv: readonly string[], args: BenchArgv): void {
  checkModelsInProviders(args);
}

/** `--providers openai --models anthropic/x`: the model is never benchmarked. */
function checkModelsInProviders(args: { providers?: string[]; models?: string[] }): void {
  if (!args.providers || !args.models) return;
  const left = args.models.filter((m) => {
    const provider = m.slice(0, Math.max(0, m.indexOf("/")));
    return provider !== "" && !args.providers!.includes(provider);
  });
  if (left.length > 0)
    throw pointless(
      `--models ${left.join(",")} names a provider that --providers leaves out, so it would not be benchmarked`,
      "add its provider to --providers, or drop --providers (--models alone selects the providers it names)",
    );
}

export const EPILOG = `Output: NDJSON on stdout when it is not a terminal (or with --json): the events, then an
EPOCH_COMMITTED record when an epoch was committed, and always last one RUN record (status,
epoch or none, exit code), so \`obs-poll | obs-check --all\` checks exactly that epoch or fails
clearly. A human summary goes to stderr (--quiet: none; --verbose: per-provider timings and
counts); progress only when stderr is a terminal.

A listing that suddenly loses most of a provider's models is held as LISTING_SUSPECT (previous
snapshot carried forward) until the shrink persists --suspect-polls polls. Webhooks are sent
after the commit, with the lock released, under --webhook-timeout and --webhook-deadline; a
corrupt webhooks.json is reported and the poll goes on. A locked baseline that gets no data is
BENCHMARK_MISSING once, and again only when that changes.

Exit codes: 0 ok; 1 behaviour drift confirmed; 2 usage or configuration error (a v1 state
directory: run obs-migrate; obs-bench with no state yet: run obs-poll); 3 nothing could be
measured; 4 another instance holds the state directory's lock (skipped; see --wait), or this
run lost its lock while paused (nothing committed); 5 state directory unusable; 130 interrupted
(what completed was committed).

Keys come from the environment or a .env file (OPENAI_API_KEY, ANTHROPIC_API_KEY, ...); base URLs
from OBS_<PROVIDER>_BASE_URL. Knobs also read from the environment: OBS_CANARY_MAX,
OBS_SUSPECT_SHARE, OBS_SUSPECT_POLLS, OBS_WEBHOOK_TIMEOUT, OBS_WEBHOOK_DEADLINE.`;
