// Options every adapter takes, with the defaults a real poll uses. Tests shrink the delays,
// timeouts and caps; nothing here is read from globals.
import { envPositiveInt, type ListingBudgets, resolveBudgets } from "./budgets.js";
import type { Env } from "./env.js";
import type { RequestLog } from "./internal/http.js";
import { DEFAULT_RETRY, type RetryPolicy, realSleep, type Sleep } from "./internal/retry.js";

export interface ProviderOptions {
  /** Where keys and base URLs come from (default `process.env`; see `loadEnv` for `.env`). */
  env?: Env;
  /** Concurrent canary/benchmark calls (default per provider: 4, Ollama 1). */
  concurrency?: number;
  /** Deadline for one listing request, including its body (default 30 s). */
  listTimeoutMs?: number;
  /** Deadline for one canary or benchmark call (default 60 s). */
  callTimeoutMs?: number;
  /** Largest single listing body (default 64 MiB, a bad_response past it); the listing-bytes
   * budget caps all of a listing's bodies together and wins where it is the tighter. */
  maxListBytes?: number;
  /** Largest chat body accepted (default 1 MiB). */
  maxCallBytes?: number;
  /** Listing retries (benchmark calls are never retried). */
  retry?: Partial<RetryPolicy>;
  /** Injectable for tests: how retries wait. */
  sleep?: Sleep;
  /** One secret-free record per HTTP request. */
  log?: (entry: RequestLog) => void;
  /** Page size asked of paginated listings (Anthropic, Gemini; default 100). */
  pageSize?: number;
  /** @deprecated Use `budgets.pages`; kept as its fallback. */
  maxPages?: number;
  /**
   * Per-provider listing budgets (see `ListingBudgets`): over any of them the listing fails
   * with kind `over_budget`. Each unset budget comes from its OBS_BUDGET_* variable in `env`
   * (LISTING_BYTES, MODELS, PAGES, LISTING_MS, SHOW_BYTES), then the default.
   */
  budgets?: Partial<ListingBudgets>;
  /** Ollama /api/show calls in flight during a listing (default 8, or
   * OBS_OLLAMA_SHOW_CONCURRENCY). Canary and benchmark calls keep `concurrency`. */
  showConcurrency?: number;
  canaryMaxTokens?: number;
  benchmarkMaxTokens?: number;
  /** Once aborted, a canary or benchmark call that has not started yet is not made: it ends
   * as a `cancelled` outcome when its turn comes. Calls in flight finish. */
  signal?: AbortSignal;
}

export interface ResolvedOptions {
  concurrency: number;
  listTimeoutMs: number;
  callTimeoutMs: number;
  maxListBytes: number;
  maxCallBytes: number;
  retry: RetryPolicy;
  sleep: Sleep;
  log: ((entry: RequestLog) => void) | undefined;
  pageSize: number;
  budgets: ListingBudgets;
  showConcurrency: number;
  canaryMaxTokens: number;
  benchmarkMaxTokens: number;
  signal: AbortSignal | undefined;
}

export function resolveOptions(
  options: ProviderOptions,
  defaultConcurrency: number,
): ResolvedOptions {
  const env = options.env ?? process.env;
  const budgets = resolveBudgets(
    options.maxPages !== undefined && options.budgets?.pages === undefined
      ? { ...options.budgets, pages: options.maxPages }
      : options.budgets,
    env,
  );
  const showConcurrency =
    options.showConcurrency ?? envPositiveInt(env, "OBS_OLLAMA_SHOW_CONCURRENCY", 8) ?? 8;
  // Zero workers would end a listing with no records at all: a false removal of every model.
  if (!Number.isInteger(showConcurrency) || showConcurrency < 1)
    throw new Error(`showConcurrency must be >= 1, got ${showConcurrency}`);
  return {
    concurrency: options.concurrency ?? defaultConcurrency,
    listTimeoutMs: options.listTimeoutMs ?? 30_000,
    callTimeoutMs: options.callTimeoutMs ?? 60_000,
    maxListBytes: options.maxListBytes ?? 64 * 1024 * 1024,
    maxCallBytes: options.maxCallBytes ?? 1024 * 1024,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    sleep: options.sleep ?? realSleep,
    log: options.log,
    pageSize: options.pageSize ?? 100,
    budgets,
    showConcurrency,
    canaryMaxTokens: options.canaryMaxTokens ?? 16,
    // The JSON and tool-call prompts need room: a fenced JSON answer is ~40 tokens.
    benchmarkMaxTokens: options.benchmarkMaxTokens ?? 64,
    signal: options.signal,
  };
}
