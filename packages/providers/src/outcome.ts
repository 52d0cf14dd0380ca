// Typed outcomes of every provider call: data or a classified, secret-free error. Adapters never
// throw for anything a provider or the network can do.
import type { BudgetName } from "./budgets.js";

/**
 * - auth: the key was rejected (401/403, or Gemini's 400 API_KEY_INVALID)
 * - rate_limited: 429; `retryAfterMs` when the provider said how long to wait
 * - not_found: 404, e.g. the model does not exist (any more)
 * - server: 5xx (including Anthropic's 529 overloaded)
 * - timeout: no complete answer within the deadline
 * - network: connection refused, reset or dropped
 * - bad_response: HTML, truncated or malformed JSON, the wrong shape, or a body over the size cap
 * - rejected: any other 4xx: the provider refused the request as made (e.g. an unsupported parameter)
 * - cancelled: never sent; the caller's signal was aborted before the call's turn came
 * - over_budget: a listing passed one of its budgets (bytes, models, pages, time, one /api/show
 *   body); `budget` and `limit` say which, the message says how to raise it. Not retried.
 */
export type ProviderErrorKind =
  | "auth"
  | "rate_limited"
  | "not_found"
  | "server"
  | "timeout"
  | "network"
  | "bad_response"
  | "rejected"
  | "cancelled"
  | "over_budget";

export interface ProviderError {
  kind: ProviderErrorKind;
  provider: string;
  /** HTTP status when there was a response. */
  status?: number;
  /** From Retry-After (seconds or HTTP date) or retry-after-ms. */
  retryAfterMs?: number;
  /** over_budget only: which budget, and its limit (bytes, models, pages or ms). */
  budget?: BudgetName;
  limit?: number;
  /** How many attempts were made (listing retries transient failures). */
  attempts?: number;
  /** One line, secret-free: keys are redacted before a message is built into an outcome. */
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ProviderError };

export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: ProviderError): Outcome<T> {
  return { ok: false, error };
}

/** Transient failures worth retrying for idempotent reads (listing). */
export function isTransient(kind: ProviderErrorKind): boolean {
  return kind === "server" || kind === "timeout" || kind === "network" || kind === "rate_limited";
}
