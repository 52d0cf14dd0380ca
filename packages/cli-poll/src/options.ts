// Flags shared by obs-poll and obs-bench, and turning them into run options.
import { baseCli, lockWaitOption } from "@observatory/cli-kit";
import { ExitCode, ObsError } from "@observatory/core";
import { VERSION } from "./version.js";

/** A positive number of seconds from a flag or an env var (undefined when neither is set). */
export function seconds(name: string, v: unknown): number | undefined {
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new ObsError("USAGE", `${name} takes a positive number of seconds, got "${v}"`, {
      exitCode: ExitCode.USAGE,
    });
  return n;
}

/** Comma-separated or repeated: --providers a,b --providers c -> [a, b, c]. */
export function list(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  const items = (Array.isArray(v) ? v : [v])
    .flatMap((x) => String(x).split(","))
    .map((s) => s.trim());
  return items.filter((s) => s !== "");
}

export function sharedCli(name: string, argv: string[]) {
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
      describe: "Benchmark only these models, as provider/model (comma-separated)",
      coerce: list,
    })
    .option("probes", {
      type: "string",
      describe:
        "A probe file adding your own benchmark prompts to the six built-in ones (docs/probes.md)",
    })
    .option("webhooks", {
      type: "string",
      describe: "Webhook config (default: <state-dir>/webhooks.json when it exists)",
    })
    .option("wait", lockWaitOption)
    .option("webhook-timeout", {
      type: "number",
      describe:
        "Seconds one webhook request may take, answer included (env OBS_WEBHOOK_TIMEOUT; default 10)",
    })
    .option("webhook-deadline", {
      type: "number",
      describe:
        "Seconds all of a run's webhook deliveries may take, after the lock is released (env OBS_WEBHOOK_DEADLINE; default 30)",
    })
    .option("timeout", {
      type: "number",
      describe: "Seconds allowed for one canary or benchmark call",
      default: 60,
    });
}

export type SharedArgv = Awaited<ReturnType<ReturnType<typeof sharedCli>["parseAsync"]>>;
