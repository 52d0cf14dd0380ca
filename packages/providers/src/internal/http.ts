// One JSON round trip over undici's own request API with a deadline, a body-size cap and
// classification of every failure into a ProviderError. The key is in `headers` only; every
// message built here is redacted before it leaves.
import { redact } from "@observatory/core";
import { type Dispatcher, request } from "undici";
import type { BudgetName } from "../budgets.js";
import { fail, type Outcome, ok, type ProviderError, type ProviderErrorKind } from "../outcome.js";
import type { ListingBudget } from "./budget.js";
import { kindForStatus, providerMessage, retryAfterMs } from "./classify.js";

export interface RequestLog {
  provider: string;
  /** What the call was for: "list models", "chat", "show"... */
  op: string;
  method: string;
  /** Path and query, without the origin (never a key: keys travel in headers). */
  path: string;
  status?: number;
  outcome: "ok" | ProviderErrorKind;
  latencyMs: number;
  attempt: number;
}

export interface HttpContext {
  provider: string;
  dispatcher: Dispatcher;
  /** Values that must never appear in a message, a log line or returned data. */
  secrets: readonly string[];
  log?: ((entry: RequestLog) => void) | undefined;
}

export interface JsonCall {
  op: string;
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
  maxBytes: number;
  attempt?: number;
  /** A listing's budget: bodies count against its bytes, requests end at its deadline. */
  budget?: ListingBudget;
  /** A per-body budget that caps this body (Ollama's `showBytes`). */
  bodyBudget?: BudgetName;
}

export interface JsonReply {
  status: number;
  json: unknown;
  latencyMs: number;
}

class Oversize extends Error {}

/** Reads a body up to `maxBytes`, abandoning the stream (not buffering it) past the cap. */
async function readCapped(
  body: Dispatcher.ResponseData["body"],
  maxBytes: number,
  declared: string | undefined,
  charge: (bytes: number) => void,
) {
  if (declared !== undefined && Number(declared) > maxBytes) {
    body.destroy();
    throw new Oversize();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        body.destroy();
        throw new Oversize();
      }
      chunks.push(chunk as Buffer);
    }
  } finally {
    charge(size);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The tightest byte cap on this body, and the failure for going over it. */
function byteCap(call: JsonCall): { cap: number; budget?: BudgetName } {
  let out: { cap: number; budget?: BudgetName } = { cap: call.maxBytes };
  const b = call.budget;
  if (!b) return out;
  if (call.bodyBudget && b.limits[call.bodyBudget] <= out.cap)
    out = { cap: b.limits[call.bodyBudget], budget: call.bodyBudget };
  if (b.bytesLeft() <= out.cap) out = { cap: b.bytesLeft(), budget: "listingBytes" };
  return out;
}

function header(headers: Dispatcher.ResponseData["headers"], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function looksHtml(contentType: string | undefined, text: string): boolean {
  return /html/i.test(contentType ?? "") || /^\s*</.test(text);
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MiB` : `${bytes} bytes`;
}

export async function sendJson(ctx: HttpContext, call: JsonCall): Promise<Outcome<JsonReply>> {
  const started = performance.now();
  const abort = new AbortController();
  let timedOut = false;
  // The listing's time budget ends a request early; then the budget, not the request, timed out.
  const msLeft = call.budget?.msLeft() ?? Number.POSITIVE_INFINITY;
  const budgetTimer = msLeft < call.timeoutMs;
  const timer = setTimeout(
    () => {
      timedOut = true;
      abort.abort();
    },
    Math.min(call.timeoutMs, msLeft),
  );
  const limit = byteCap(call);
  const url = new URL(call.url);
  const where = `${ctx.provider} ${call.op}`;
  let status: number | undefined;

  const finish = <T>(out: Outcome<T>): Outcome<T> => {
    const latencyMs = Math.round(performance.now() - started);
    ctx.log?.({
      provider: ctx.provider,
      op: call.op,
      method: call.method,
      path: redact(url.pathname + url.search, ctx.secrets),
      ...(status !== undefined ? { status } : {}),
      outcome: out.ok ? "ok" : out.error.kind,
      latencyMs,
      attempt: call.attempt ?? 1,
    });
    return out;
  };
  const failure = (kind: ProviderErrorKind, message: string, extra: Partial<ProviderError> = {}) =>
    finish(
      fail<JsonReply>({
        kind,
        provider: ctx.provider,
        ...(status !== undefined ? { status } : {}),
        ...extra,
        message: redact(`${where}: ${message}`, ctx.secrets),
      }),
    );

  const overBudget = (budget: BudgetName) => {
    const error = call.budget!.over(budget, call.op);
    return finish(fail<JsonReply>({ ...error, ...(status !== undefined ? { status } : {}) }));
  };

  try {
    if (budgetTimer && msLeft <= 0) return overBudget("listingMs");
    const res = await request(url, {
      method: call.method,
      headers: {
        accept: "application/json",
        "user-agent": "model-observatory",
        ...(call.body !== undefined ? { "content-type": "application/json" } : {}),
        ...call.headers,
      },
      ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
      dispatcher: ctx.dispatcher,
      signal: abort.signal,
    });
    status = res.statusCode;
    const text = await readCapped(
      res.body,
      limit.cap,
      header(res.headers, "content-length"),
      (bytes) => call.budget?.chargeBytes(bytes),
    );
    const contentType = header(res.headers, "content-type");
    let json: unknown;
    let parsed = false;
    let tooDeep = false;
    try {
      json = JSON.parse(text);
      parsed = true;
    } catch (e) {
      // Reported below according to the status. V8's JSON.parse is iterative today; should an
      // engine recurse, a stack overflow is this provider's bad response, not the run's crash.
      tooDeep = e instanceof RangeError;
    }
    if (status < 200 || status >= 300) {
      const kind = kindForStatus(status, json);
      const detail = parsed ? providerMessage(json, ctx.secrets) : undefined;
      const shape = parsed
        ? ""
        : looksHtml(contentType, text)
          ? " (HTML body)"
          : " (non-JSON body)";
      const wait =
        kind === "rate_limited" || kind === "server" ? retryAfterMs(res.headers) : undefined;
      return failure(kind, `HTTP ${status}${shape}${detail ? `: ${detail}` : ""}`, {
        ...(wait !== undefined ? { retryAfterMs: wait } : {}),
      });
    }
    if (!parsed) {
      const why = tooDeep
        ? "JSON nested too deeply to parse"
        : looksHtml(contentType, text)
          ? "HTML where JSON was expected"
          : `malformed or truncated JSON (${text.length} bytes)`;
      return failure("bad_response", why);
    }
    return finish(ok({ status, json, latencyMs: Math.round(performance.now() - started) }));
  } catch (e) {
    if (e instanceof Oversize) {
      return limit.budget
        ? overBudget(limit.budget)
        : failure("bad_response", `response body over the ${mib(call.maxBytes)} cap`);
    }
    if (timedOut && budgetTimer) return overBudget("listingMs");
    if (timedOut) return failure("timeout", `no complete answer within ${call.timeoutMs} ms`);
    const code = (e as { code?: unknown }).code;
    const what = typeof code === "string" ? code : e instanceof Error ? e.name : "error";
    const detail = e instanceof Error ? e.message : String(e);
    return failure("network", `${what}: ${detail}`);
  } finally {
    clearTimeout(timer);
  }
}
