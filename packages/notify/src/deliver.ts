// Sends planned deliveries over HTTP. Non-2xx is a failure; 429 is retried after Retry-After
// (bounded). Results never contain the hook URL, only its label or host.
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
  timeoutMs?: number;
  /** Attempts per delivery when the hook answers 429 (default 3). */
  maxAttempts?: number;
  /** Longest Retry-After we are willing to wait, in ms (default 10 s). */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliveryResult {
  hook: string;
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
  const results: DeliveryResult[] = [];
  // Sequential on purpose: a handful of notifications per run, and ordering matches the events.
  for (const d of deliveries) results.push(await deliverOne(d, options));
  return results;
}

async function deliverOne(d: Delivery, options: DeliverOptions): Promise<DeliveryResult> {
  const maxAttempts = options.maxAttempts ?? 3;
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const base = { hook: hookLabel(d.hook), event_type: d.payload.event_type };
  const body = JSON.stringify(renderBody(d.hook, d.payload));
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await request(d.hook.url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "model-observatory" },
        body,
        headersTimeout: options.timeoutMs ?? 10_000,
        bodyTimeout: options.timeoutMs ?? 10_000,
      });
      await res.body.dump();
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
      const message = e instanceof Error ? e.message : String(e);
      return {
        ...base,
        ok: false,
        attempts: attempt,
        reason: redact(message, [d.hook.url, new URL(d.hook.url).pathname]),
      };
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

/** One WEBHOOK_FAILED event per failed delivery, to be logged with the committed epoch. */
export function failureEvents(results: readonly DeliveryResult[]): EventDraft[] {
  return results
    .filter((r) => !r.ok)
    .map((r) => ({
      type: "WEBHOOK_FAILED",
      severity: "WARN",
      hook: r.hook,
      reason: r.reason ?? "failed",
      ...(r.status === undefined ? {} : { status: r.status }),
      event_type: r.event_type,
    }));
}
