// Sends planned deliveries over HTTP. Non-2xx is a failure; 429 is retried after Retry-After
// (bounded). A receiver never holds a run: each request has a total deadline (headers and body),
// a few go out at once, and the run's deliveries share one overall deadline, after which what is
// left fails at once. Results never contain the hook URL, only its label or host.
import {
  type Delivery,
  type EventDraft,
  type Hook,
  maskUrl,
  redact,
  renderBody,
} from "@observatory/core";
import { request } from "undici";

export interface DeliverOptions {
  /** Total deadline for one request, answer body included (default 10 s). */
  timeoutMs?: number;
  /** Deadline for all of a run's deliveries together (default 30 s). */
  deadlineMs?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Attempts per delivery when the hook answers 429 (default 3). */
  maxAttempts?: number;
  /** Longest Retry-After we are willing to wait, in ms (default 10 s). */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliveryResult {
  hook: string;
  /** The event's cooldown key: a cooldown starts only once every hook took it. */
  key: string;
  event_type: string;
  ok: boolean;
  status?: number;
  attempts: number;
  reason?: string;
}

export function hookLabel(hook: Hook): string {
  return hook.name ?? maskUrl(hook.url);
}

export async function deliver(
  deliveries: readonly Delivery[],
  options: DeliverOptions = {},
): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = new Array(deliveries.length);
  const overall = AbortSignal.timeout(options.deadlineMs ?? 30_000);
  let next = 0;
  // A small pool: hooks are few, but one slow receiver must not queue the others behind it.
  const worker = async () => {
    while (next < deliveries.length) {
      const i = next++;
      results[i] = await deliverOne(deliveries[i]!, options, overall);
    }
  };
  const width = Math.max(1, Math.min(options.concurrency ?? 4, deliveries.length));
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

async function deliverOne(
  d: Delivery,
  options: DeliverOptions,
  overall: AbortSignal,
): Promise<DeliveryResult> {
  const maxAttempts = options.maxAttempts ?? 3;
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const base = { hook: hookLabel(d.hook), key: d.key, event_type: d.payload.event_type };
  const body = JSON.stringify(renderBody(d.hook, d.payload));
  const timeoutMs = options.timeoutMs ?? 10_000;
  for (let attempt = 1; ; attempt++) {
    if (overall.aborted)
      return { ...base, ok: false, attempts: attempt - 1, reason: "run deadline passed" };
    // undici's headers/body timeouts are per gap: a receiver sending one byte a second never
    // trips them. One signal covers the whole exchange.
    const mine = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([mine, overall]);
    try {
      const res = await request(d.hook.url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "model-observatory" },
        body,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      await res.body.dump({ signal, limit: 64 * 1024 });
      if (res.statusCode >= 200 && res.statusCode < 300)
        return { ...base, ok: true, status: res.statusCode, attempts: attempt };
      if (res.statusCode === 429 && attempt < maxAttempts) {
        const wait = retryAfterMs(res.headers["retry-after"]);
        if (wait <= (options.maxRetryAfterMs ?? 10_000)) {
          await sleep(wait);
          continue;
        }
      }
      return {
        ...base,
        ok: false,
        status: res.statusCode,
        attempts: attempt,
        reason: `HTTP ${res.statusCode}`,
      };
    } catch (e) {
      const reason = overall.aborted
        ? "run deadline passed"
        : mine.aborted
          ? `no complete answer within the ${timeoutMs} ms deadline`
          : redact(e instanceof Error ? e.message : String(e), [
              d.hook.url,
              new URL(d.hook.url).pathname,
            ]);
      return { ...base, ok: false, attempts: attempt, reason };
    }
  }
}

function retryAfterMs(h: string | string[] | undefined): number {
  const v = Array.isArray(h) ? h[0] : h;
  if (v === undefined) return 1000;
  const secs = Number(v);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : 1000;
}

/**
 * One WEBHOOK_FAILED event per failed delivery, to be logged after the run's deliveries. Those
 * never attempted because the run's deadline had passed are one event per hook with a count: a
 * flood of planned notifications must not become a flood of failure events.
 */
export function failureEvents(results: readonly DeliveryResult[]): EventDraft[] {
  const out: EventDraft[] = [];
  const skipped = new Map<string, number>();
  for (const r of results) {
    if (r.ok) continue;
    if (r.attempts === 0) {
      skipped.set(r.hook, (skipped.get(r.hook) ?? 0) + 1);
      continue;
    }
    out.push({
      type: "WEBHOOK_FAILED",
      severity: "WARN",
      hook: r.hook,
      reason: r.reason ?? "failed",
      ...(r.status === undefined ? {} : { status: r.status }),
      event_type: r.event_type,
    });
  }
  for (const [hook, n] of skipped)
    out.push({
      type: "WEBHOOK_FAILED",
      severity: "WARN",
      hook,
      reason: `run deadline passed before ${n} notification${n === 1 ? "" : "s"} could be sent`,
    });
  return out;
}
