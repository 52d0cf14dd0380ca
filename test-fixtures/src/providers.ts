// The fixture server's view of each provider's real API: where it lives, how it authenticates,
// and which wire dialect it speaks. Kept apart from @observatory/providers on purpose: the
// fixtures describe the providers' documented APIs, and the adapters are tested against them.

export const FIXTURE_PROVIDERS = [
  "openai",
  "anthropic",
  "google",
  "xai",
  "mistral",
  "deepseek",
  "openrouter",
  "venice",
  "volink",
  "zhipu",
  "moonshot",
  "ollama",
] as const;
export type FixtureProvider = (typeof FIXTURE_PROVIDERS)[number];

export type Dialect = "openai" | "anthropic" | "google" | "ollama";

/** How a provider expects its key: the server checks it and the call log records it. */
export type AuthStyle = "bearer" | "x-api-key" | "x-goog-api-key" | "none";

export interface FixtureProviderInfo {
  name: FixtureProvider;
  dialect: Dialect;
  auth: AuthStyle;
  /** The real base URL's path: the server mounts the API at `/<provider>` + this. */
  basePath: string;
  /** Env var holding the key (none for Ollama). */
  keyEnv?: string;
  /** `OBS_<PROVIDER>_BASE_URL`. */
  baseUrlEnv: string;
}

function info(
  name: FixtureProvider,
  dialect: Dialect,
  basePath: string,
  auth: AuthStyle = "bearer",
): FixtureProviderInfo {
  const upper = name.toUpperCase();
  return {
    name,
    dialect,
    auth,
    basePath,
    ...(auth === "none" ? {} : { keyEnv: `${upper}_API_KEY` }),
    baseUrlEnv: `OBS_${upper}_BASE_URL`,
  };
}

/** Real base URLs: api.openai.com/v1, api.anthropic.com/v1, generativelanguage.googleapis.com/v1beta... */
export const FIXTURE_PROVIDER_INFO: Readonly<Record<FixtureProvider, FixtureProviderInfo>> = {
  openai: info("openai", "openai", "/v1"),
  anthropic: info("anthropic", "anthropic", "/v1", "x-api-key"),
  google: info("google", "google", "/v1beta", "x-goog-api-key"),
  xai: info("xai", "openai", "/v1"),
  mistral: info("mistral", "openai", "/v1"),
  deepseek: info("deepseek", "openai", ""),
  openrouter: info("openrouter", "openai", "/api/v1"),
  venice: info("venice", "openai", "/api/v1"),
  volink: info("volink", "openai", "/v1"),
  zhipu: info("zhipu", "openai", "/api/paas/v4"),
  moonshot: info("moonshot", "openai", "/v1"),
  ollama: info("ollama", "ollama", "", "none"),
};

export function isFixtureProvider(name: string): name is FixtureProvider {
  return (FIXTURE_PROVIDERS as readonly string[]).includes(name);
}
