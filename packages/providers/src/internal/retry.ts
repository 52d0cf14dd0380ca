// Bounded retries with exponential backoff for idempotent reads. Retry-After is honoured when
// it fits the budget; a longer one ends the retries and is reported to the caller instead.
import { isTransient, type Outcome } from "../outcome.js";

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Backoff before attempt `n + 1` (n >= 1): exponential, capped, with jitter in [50%, 100%]. */
export function backoffMs(
  policy: RetryPolicy,
  n: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

export async function withRetry<T>(
  policy: RetryPolicy,
  sleep: Sleep,
  attempt: (n: number) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  for (let n = 1; ; n++) {
    const out = await attempt(n);
    if (out.ok) return out;
    const { error } = out;
    const last = n >= policy.attempts || !isTransient(error.kind);
    const wait = error.retryAfterMs ?? backoffMs(policy, n);
    if (last || wait > policy.maxRetryAfterMs)
      return { ok: false, error: { ...error, attempts: n } };
    await sleep(wait);
  }
}
