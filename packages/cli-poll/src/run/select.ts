// Which providers and models a run touches. Names that do not exist, and named keyed providers
// without a key, are usage errors decided before the lock with no network call. Whether Ollama
// answers is a network question, so it is asked inside the instance lock (resolveOllama): a run
// that is skipped touches no provider, and a named Ollama that fails is that provider's poll
// error, not a reason to throw away the other providers' work.
import { describeError, ExitCode, ObsError } from "@observatory/core";
import {
  createProvider,
  type LoadedProviders,
  loadProviders,
  PROVIDER_NAMES,
  type Provider,
  type ProviderOptions,
  probeOllama,
  resolveProviderConfig,
} from "@observatory/providers";

export interface Selection extends LoadedProviders {
  /** Ollama is wanted but not probed yet: "named" polls it whatever it answers (a failure is
   * its POLL_ERROR); "default" includes it only if it answers the probe (most users run none). */
  ollama: "named" | "default" | null;
}

export async function selectProviders(
  only: readonly string[] | undefined,
  options: ProviderOptions,
): Promise<Selection> {
  const loaded = await loadProviders({ ...options, ...(only ? { only } : {}), probeOllama: false });
  const wantsOllama = (only ?? PROVIDER_NAMES).includes("ollama");
  let ollama: Selection["ollama"] = null;
  const skipped = loaded.skipped.filter((s) => s.name !== "ollama");
  if (wantsOllama) {
    try {
      resolveProviderConfig("ollama", options.env ?? process.env);
      ollama = only ? "named" : "default";
    } catch (e) {
      skipped.push({ name: "ollama", reason: describeError(e) });
    }
  }
  if (only) {
    const missing = skipped.filter((s) => only.includes(s.name));
    if (missing.length > 0) {
      await Promise.all(loaded.providers.map((p) => p.close()));
      throw new ObsError(
        "PROVIDER_NOT_CONFIGURED",
        `not configured: ${missing.map((m) => `${m.name} (${m.reason})`).join(", ")}`,
        {
          // Each provider's own hint (Ollama has no key: "is Ollama running at <url>?").
          hint: [
            ...new Set(
              missing.map((m) => m.hint ?? "set the provider's API key in the environment or .env"),
            ),
            "obs-poll --list-providers shows them all",
          ].join("; "),
          exitCode: ExitCode.USAGE,
        },
      );
    }
  }
  return { providers: loaded.providers, skipped, ollama };
}

/** Inside the lock: adds Ollama to the selection when it is named or answers the probe. */
export async function resolveOllama(sel: Selection, options: ProviderOptions): Promise<void> {
  if (sel.ollama === null) return;
  const env = options.env ?? process.env;
  if (sel.ollama === "default") {
    const probe = await probeOllama(resolveProviderConfig("ollama", env).baseUrl);
    if (!probe.reachable) {
      sel.skipped.push({ name: "ollama", reason: `not reachable: ${probe.note ?? "no answer"}` });
      sel.ollama = null;
      return;
    }
  }
  sel.providers.push(createProvider("ollama", { ...options, env }) as Provider);
  sel.ollama = null;
}

/** Parses "provider/model" filters; a model id may itself contain slashes (OpenRouter). */
export function parseModelFilter(
  list: readonly string[] | undefined,
): Map<string, Set<string>> | null {
  if (!list || list.length === 0) return null;
  const out = new Map<string, Set<string>>();
  for (const item of list) {
    const slash = item.indexOf("/");
    if (slash <= 0 || slash === item.length - 1) {
      throw new ObsError("BAD_MODEL", `--models takes provider/model, got "${item}"`, {
        hint: "e.g. --models openai/gpt-4o,openrouter/anthropic/claude-3.5-sonnet",
        exitCode: ExitCode.USAGE,
      });
    }
    const provider = item.slice(0, slash);
    const set = out.get(provider) ?? new Set<string>();
    set.add(item.slice(slash + 1));
    out.set(provider, set);
  }
  return out;
}
