// The provider table: names, key and base-URL env vars, default base URLs, wire dialect and the
// determinism knobs each accepts. Endpoints follow the seed's PROVIDER_REGISTRY; every base URL
// here includes the API's version prefix, so adapters append only `/models`, `/chat/completions`...

export const PROVIDER_NAMES = [
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
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export type ProviderKind = "openai-compatible" | "anthropic" | "google" | "ollama";

export interface ProviderSpec {
  name: ProviderName;
  kind: ProviderKind;
  /** Env var holding the API key; Ollama needs none. */
  keyEnv?: string;
  /** `OBS_<PROVIDER>_BASE_URL`: always honoured first. */
  baseUrlEnv: string;
  /** The seed's own override (`OPENAI_BASE_URL`, `OLLAMA_BASE_URL`), honoured second. */
  legacyBaseUrlEnv?: string;
  defaultBaseUrl: string;
  /** Default cap on concurrent canary/benchmark calls. */
  concurrency: number;
  /** OpenAI-compatible request details that differ by provider. */
  seedParam?: "seed" | "random_seed";
  maxTokensParam?: "max_tokens" | "max_completion_tokens";
}

function spec(
  name: ProviderName,
  kind: ProviderKind,
  defaultBaseUrl: string,
  extra: Partial<ProviderSpec> = {},
): ProviderSpec {
  const upper = name.toUpperCase();
  return {
    name,
    kind,
    ...(name === "ollama" ? {} : { keyEnv: `${upper}_API_KEY` }),
    baseUrlEnv: `OBS_${upper}_BASE_URL`,
    defaultBaseUrl,
    concurrency: 4,
    ...extra,
  };
}

export const PROVIDERS: Readonly<Record<ProviderName, ProviderSpec>> = {
  openai: spec("openai", "openai-compatible", "https://api.openai.com/v1", {
    legacyBaseUrlEnv: "OPENAI_BASE_URL",
    seedParam: "seed",
    // Reasoning models reject max_tokens; max_completion_tokens works for all current models.
    maxTokensParam: "max_completion_tokens",
  }),
  anthropic: spec("anthropic", "anthropic", "https://api.anthropic.com/v1"),
  google: spec("google", "google", "https://generativelanguage.googleapis.com/v1beta"),
  xai: spec("xai", "openai-compatible", "https://api.x.ai/v1", { seedParam: "seed" }),
  mistral: spec("mistral", "openai-compatible", "https://api.mistral.ai/v1", {
    seedParam: "random_seed",
  }),
  deepseek: spec("deepseek", "openai-compatible", "https://api.deepseek.com"),
  openrouter: spec("openrouter", "openai-compatible", "https://openrouter.ai/api/v1", {
    seedParam: "seed",
  }),
  venice: spec("venice", "openai-compatible", "https://api.venice.ai/api/v1", {
    seedParam: "seed",
  }),
  volink: spec("volink", "openai-compatible", "https://api.volink.org/v1"),
  zhipu: spec("zhipu", "openai-compatible", "https://open.bigmodel.cn/api/paas/v4"),
  moonshot: spec("moonshot", "openai-compatible", "https://api.moonshot.cn/v1"),
  // A local Ollama serves one model at a time; parallel calls only queue inside it.
  ollama: spec("ollama", "ollama", "http://localhost:11434", {
    legacyBaseUrlEnv: "OLLAMA_BASE_URL",
    concurrency: 1,
  }),
};

export function isProviderName(name: string): name is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(name);
}
