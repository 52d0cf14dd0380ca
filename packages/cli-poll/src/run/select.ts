// Which providers and models a run touches. Unknown or unconfigured names the user asked for
// are usage errors; everything else configured is polled.
import { ExitCode, ObsError } from "@observatory/core";
import { type LoadedProviders, loadProviders, type ProviderOptions } from "@observatory/providers";

export async function selectProviders(
  only: readonly string[] | undefined,
  options: ProviderOptions,
): Promise<LoadedProviders> {
  const loaded = await loadProviders({ ...options, ...(only ? { only } : {}) });
  if (only) {
    const missing = loaded.skipped.filter((s) => only.includes(s.name));
    if (missing.length > 0) {
      await Promise.all(loaded.providers.map((p) => p.close()));
      throw new ObsError(
        "PROVIDER_NOT_CONFIGURED",
        `not configured: ${missing.map((m) => `${m.name} (${m.reason})`).join(", ")}`,
        {
          hint: "set the provider's API key in the environment or .env; obs-poll --list-providers shows them all",
          exitCode: ExitCode.USAGE,
        },
      );
    }
  }
  return loaded;
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
