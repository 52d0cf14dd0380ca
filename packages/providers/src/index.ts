// @observatory/providers: every byte on the wire to an LLM provider, over undici.
export { ANTHROPIC_VERSION } from "./adapters/anthropic.js";
export {
  BUDGET_ENV,
  type BudgetName,
  DEFAULT_BUDGETS,
  type ListingBudgets,
  resolveBudgets,
} from "./budgets.js";
export { type ProviderConfig, resolveProviderConfig } from "./config.js";
export { assertProviderName, CANARY_PROMPT, createProvider } from "./create.js";
export { type Env, type LoadEnvOptions, loadEnv, parseDotEnv } from "./env.js";
export type { RequestLog } from "./internal/http.js";
export type { RetryPolicy, Sleep } from "./internal/retry.js";
export {
  type ListProvidersOptions,
  type LoadedProviders,
  type LoadProvidersOptions,
  listProvidersInfo,
  loadProviders,
  type ProviderInfo,
  probeOllama,
} from "./list-providers.js";
export type { ProviderOptions } from "./options.js";
export {
  fail,
  isTransient,
  type Outcome,
  ok,
  type ProviderError,
  type ProviderErrorKind,
} from "./outcome.js";
export {
  isProviderName,
  PROVIDER_NAMES,
  PROVIDERS,
  type ProviderKind,
  type ProviderName,
  type ProviderSpec,
} from "./registry.js";
export type {
  Completion,
  ListingWarning,
  ModelListing,
  Provider,
  SamplingKnobs,
} from "./types.js";
