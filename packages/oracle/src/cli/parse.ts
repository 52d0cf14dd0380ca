// obs-oracle's command line, parsed with cli-kit (bundled into this bin, so the SDK's
// dependencies stay core and zod): every command and flag, the help pages, the usage errors.
// Loaded by the entry for everything but the common `route` lines fast-route.ts reads itself.
import { baseCli, numberOption } from "@observatory/cli-kit";
import pkg from "../../package.json" with { type: "json" };
import { MODALITIES, PREFERENCES, type Preference } from "./choices.js";
import { parseDuration } from "./duration.js";
import type { OracleRun } from "./execute.js";
import { type Chosen, runOf } from "./run-of.js";

/** The run a command line asks for, or null when it asked for help or the version (printed). */
export async function parseArgs(argv: string[]): Promise<OracleRun | null> {
  let chosen: Chosen | undefined;
  const parser = baseCli("obs-oracle", pkg.version, argv);
  skipHelpRendering(parser);
  const args = await parser
    .usage(USAGE)
    .option("min-calls", {
      ...numberOption("min-calls", {
        describe:
          "Measured calls a model needs to be healthy and routable (env OBS_MIN_CALLS; default 5; 0: any, even none)",
        min: 0,
        integer: true,
        unit: "calls",
      }),
      global: true,
    })
    .option("drift-window", {
      type: "string",
      global: true,
      describe:
        "How long before the epoch a confirmed drift still counts: 7d (default), 24h, never (env OBS_DRIFT_WINDOW)",
      coerce: (v: unknown) => durationFlag("drift-window", v),
    })
    .option("stale-after", {
      type: "string",
      global: true,
      describe:
        "Warn that the epoch is stale when it is older than this: 24h (default), 30m (env OBS_STALE_AFTER)",
      coerce: (v: unknown) => durationFlag("stale-after", v),
    })
    .command(
      "route [filter..]",
      "The best healthy model for a filter (default: the most reliable text chat model)",
      (y) =>
        y
          .usage(ROUTE_USAGE)
          .positional("filter", {
            type: "string",
            array: true,
            describe: 'Comma-separated terms, e.g. "context>=200k,prefer=latency"',
          })
          .option("modality", {
            type: "string",
            describe: `What the model must give out: ${MODALITIES.join(", ")} (default text: text chat); same as the modality= term`,
            coerce: (v: unknown) => oneOf("modality", v, MODALITIES),
          })
          .example("$0 route", "The most reliable healthy text chat model")
          .example('$0 route "context>=200k,prefer=latency"', "The fastest with a 200k context")
          .example("$0 route --modality image --min-calls 3", "An image model, on 3 calls or more")
          .epilog(ROUTE_EPILOG),
      (a) => {
        chosen = { command: "route", filter: (a.filter ?? []).map(String) };
      },
    )
    .command(
      "status <key>",
      "Everything the epoch knows about one model, and why it is unhealthy if it is",
      (y) =>
        y
          .usage(STATUS_USAGE)
          .positional("key", { type: "string", describe: '"provider/model_id"' })
          .example("$0 status openai/gpt-4o", "Metadata, measurements, drifts and health reasons")
          .example(
            "$0 status anthropic/claude-sonnet-4-5 --json | jq .reasons",
            "The reasons, as data",
          )
          .epilog(STATUS_EPILOG),
      (a) => {
        chosen = { command: "status", key: String(a.key) };
      },
    )
    .command(
      "healthy <key>",
      "Exit 0 when the model is healthy, 1 when not (for scripts)",
      (y) =>
        y
          .usage(HEALTHY_USAGE)
          .positional("key", { type: "string", describe: '"provider/model_id"' })
          .example(
            "$0 healthy openai/gpt-4o && ./call-the-model",
            "Call a model only while healthy",
          )
          .example("$0 healthy openai/gpt-4o --min-calls 20", "Ask for 20 measured calls first")
          .epilog(HEALTHY_EPILOG),
      (a) => {
        chosen = { command: "healthy", key: String(a.key) };
      },
    )
    .command(
      "list",
      "Every listed model with its health, ordered by reliability, latency, context or cost",
      (y) =>
        y
          .usage(LIST_USAGE)
          .option("by", {
            type: "string",
            default: "reliability",
            describe: `Order by this, best first: ${PREFERENCES.join(", ")}`,
            coerce: (v: unknown) => oneOf("by", v, PREFERENCES),
          })
          .example("$0 list", "Most reliable first")
          .example(
            "$0 list --by cost --json | jq '.models[0].model.key'",
            "The cheapest model's key",
          )
          .epilog(LIST_EPILOG),
      (a) => {
        chosen = { command: "list", by: a.by as Preference };
      },
    )
    .command(
      "policy [name]",
      "The default routing recommendations: one model (or none) per role",
      (y) =>
        y
          .usage(POLICY_USAGE)
          .positional("name", {
            type: "string",
            describe: "The policy: default (the only one)",
            coerce: (v: unknown) => {
              if (v !== undefined && v !== "default")
                throw new Error(`there is one policy, "default"; got ${JSON.stringify(v)}`);
              return v;
            },
          })
          .example("$0 policy", "A model per role: long context, precision math, budget...")
          .example("$0 policy --json | jq '.roles[] | {role, model: .model.key}'", "As data")
          .epilog(POLICY_EPILOG),
      () => {
        chosen = { command: "policy" };
      },
    )
    .command("$0", false, {}, () => {
      chosen = { command: "summary" };
    })
    .example("$0", "How many models the epoch lists, how many are healthy")
    .example('$0 route "context>=200k"', "The most reliable healthy model with a 200k context")
    .example("$0 healthy openai/gpt-4o || echo unhealthy", "A health check for scripts")
    .epilog(EPILOG)
    .parseAsync();
  if (args.help || args.version || chosen === undefined) return null;
  return runOf(chosen, {
    ...args,
    modality: typeof args["modality"] === "string" ? args["modality"] : undefined,
  });
}

/**
 * yargs renders a command's whole help page after running its handler, in case something asks
 * for it later; nothing here does (errors are thrown, never shown with the help), and laying
 * out route's page is a noticeable part of `obs-oracle route`'s start-up. The help pages a user
 * asks for are rendered as usual. Internal API: if yargs changes it, the cache simply stays.
 */
function skipHelpRendering(parser: ReturnType<typeof baseCli>): void {
  try {
    const usage = (
      parser as unknown as {
        getInternalMethods(): { getUsageInstance(): { cacheHelpMessage?: () => void } };
      }
    )
      .getInternalMethods()
      .getUsageInstance();
    if (typeof usage.cacheHelpMessage === "function") usage.cacheHelpMessage = () => {};
  } catch {
    // Not this yargs: the help is cached as before.
  }
}

/**
 * A flag with a fixed set of values. yargs' own `choices` check words its error over several
 * lines; this one says it in one, like numberOption: what is allowed and what was given.
 */
function oneOf<T extends string>(flag: string, v: unknown, allowed: readonly T[]): T {
  if (Array.isArray(v) || v === undefined) return v as unknown as T;
  const found = allowed.find((a) => a === v);
  if (found === undefined)
    throw new Error(`--${flag} must be one of ${allowed.join(", ")}, got ${JSON.stringify(v)}`);
  return found;
}

/** A duration flag: "7d", "30m", "never". The message says what is allowed (exit 2). */
function durationFlag(flag: string, v: unknown): number {
  // Given twice, yargs hands over an array; baseCli's one-value check reports that.
  if (Array.isArray(v) || v === undefined) return v as unknown as number;
  return parseDuration(flag, String(v));
}

const USAGE = `$0 [command] [options]

Pick healthy models from the observatory's current committed epoch. Reads one epoch (pointer ->
manifest -> routing index and snapshots), never the event log; every answer names that epoch and
its age.

Healthy means: listed in the epoch (fresh or carried forward), not past an expiration or
deprecation date, no behaviour drift confirmed within the drift window, at least --min-calls
measured calls (default 5: one lucky call is not evidence), and a measured reliability not below
0.5. Routing also matches the modality: text chat unless asked otherwise.

On a terminal the answer is text or a table; otherwise (or with --json) it is one JSON record on
stdout, with "type" and "version" (docs/schemas/records). Warnings (a stale epoch, a fallback to
an older epoch) go to stderr; --quiet drops them, --verbose adds what was read and how long it
took. With no command: a one-line summary of the epoch.`;

const EPILOG = `Exit codes: 0 ok; 1 route found no model, or healthy KEY is unhealthy; 2 usage error, a
v1 state directory (run obs-migrate) or no state at the directory (run obs-poll); 5 no usable
epoch (corrupt state); 6 unknown model key; 70 internal error.`;

const ROUTE_USAGE = `$0 route [FILTER...] [options]

The best healthy model matching FILTER, comma-separated terms (quote them: > and < are shell
redirections; several arguments are joined with commas):
- context>200000, context>=128k (k and m suffixes)
- reliability>0.9 (0 to 1)
- cost<=mid (free < low < mid < high < premium)
- latency<=800 (median, milliseconds; 2s also works)
- provider=anthropic
- tools=yes (only models that support tool calls)
- calls>=10 (measured calls a model needs to be routed; default 5, calls>=0 for none)
- modality=image (what it gives out: text, image, audio, video, embedding, any; default text)
- prefer=latency (reliability, latency, context, cost)
- drift=exclude (default), drift=include, drift>=HIGH (exclude only drifts this severe)
- deprecated=include (default exclude)
- expired=include (default exclude)

Comparisons mean what they say: context>200000 excludes a model of exactly 200000. Models with
unknown values never match a bound (reliability>0.9 needs a measured reliability). Ties are
broken by the other preferences, then by key, so the same epoch always gives the same answer.

Modality: text (the default) is text chat, text in and only text out; a model that also gives out
images or audio (an image or music generator) is routed only with modality=image or audio. The
snapshots say what a model gives out where the provider lists it (OpenRouter's modalities,
Gemini's methods, Ollama's and Mistral's capabilities); a model whose listing says nothing counts
as text chat.`;

const ROUTE_EPILOG = `Exit codes: 0 a model was picked; 1 none matches (the answer counts what each gate left
out: TOO_FEW_CALLS, MODALITY, DRIFT...); 2 bad filter, v1 or no state; 5 no usable epoch.`;

const STATUS_USAGE = `$0 status KEY [options]

Everything the epoch knows about KEY ("provider/model_id"): metadata, modalities, measured
reliability and latency, confirmed drifts, and the reasons it is unhealthy, if it is. Warnings
cover what is worth knowing anyway: a carried-forward listing, a scheduled deprecation, an
unconfirmed change.`;

const STATUS_EPILOG = `Exit codes: 0 known (healthy or not); 2 usage error, v1 or no state; 5 no usable epoch; 6
unknown key (close keys are suggested).`;

const HEALTHY_USAGE = `$0 healthy KEY [options]

Whether KEY is healthy by the same gates as route (the reasons go to the output when it is not).`;

const HEALTHY_EPILOG = `Exit codes: 0 healthy; 1 unhealthy; 2 usage error, v1 or no state; 5 no usable epoch; 6 unknown
key.`;

const LIST_USAGE = `$0 list [--by reliability|latency|context|cost] [options]

Every model listed in the epoch, healthy or not, best first by the chosen attribute. The health
column names the first gate a model fails (TOO_FEW_CALLS, DRIFT, ...).`;

const LIST_EPILOG = `Exit codes: 0 ok; 2 usage error, v1 or no state; 5 no usable epoch.`;

const POLICY_USAGE = `$0 policy [default] [options]

The default routing recommendations: for each common role (long-context synthesis, precision
math, adversarial review, budget routing, fast interactive, maximum context) the text chat model
route would pick with that role's filter, or none.`;

const POLICY_EPILOG = LIST_EPILOG;
