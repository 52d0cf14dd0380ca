// A provider's wire: its pooled undici dispatcher, base URL, auth headers and limits. Listing
// reads retry; chat calls do not. Adapters only say which path and which body.
import { redact } from "@observatory/core";
import { Agent } from "undici";
import type { z } from "zod";
import type { BudgetName } from "../budgets.js";
import type { ProviderConfig } from "../config.js";
import { ListingBudget } from "../internal/budget.js";
import { type HttpContext, type JsonReply, sendJson } from "../internal/http.js";
import { createLimiter, type Limiter } from "../internal/limiter.js";
import { withRetry } from "../internal/retry.js";
import type { ResolvedOptions } from "../options.js";
import { fail, type Outcome, ok } from "../outcome.js";
import type { ProviderName } from "../registry.js";

export class Transport {
  readonly provider: ProviderName;
  readonly baseUrl: string;
  readonly options: ResolvedOptions;
  readonly limiter: Limiter;
  readonly #agent: Agent;
  readonly #ctx: HttpContext;
  readonly #headers: Record<string, string>;

  constructor(config: ProviderConfig, options: ResolvedOptions, headers: Record<string, string>) {
    this.provider = config.spec.name;
    this.baseUrl = config.baseUrl;
    this.options = options;
    this.limiter = createLimiter(options.concurrency);
    // One pool per provider, sized to its call limit plus the listing's own requests (Ollama's
    // /api/show calls run in parallel; every other listing reads one page at a time).
    const listing = config.spec.kind === "ollama" ? options.showConcurrency : 1;
    this.#agent = new Agent({
      connections: options.concurrency + listing,
      keepAliveTimeout: 10_000,
      connect: { timeout: Math.min(10_000, options.callTimeoutMs) },
    });
    this.#headers = headers;
    this.#ctx = {
      provider: this.provider,
      dispatcher: this.#agent,
      secrets: config.apiKey ? [config.apiKey] : [],
      log: options.log,
    };
  }

  get secrets(): readonly string[] {
    return this.#ctx.secrets;
  }

  url(path: string, query: Record<string, string | number | undefined> = {}): string {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(query))
      if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  /** A fresh account against this provider's listing budgets; one per listModels(). */
  budget(): ListingBudget {
    return new ListingBudget(this.provider, this.options.budgets);
  }

  /**
   * A listing read against `budget`: retried on transient failures with bounded backoff, but
   * never past the budget's deadline (a wait that would cross it ends the listing over budget).
   */
  list(
    op: string,
    url: string,
    budget: ListingBudget,
    request: { method?: "GET" | "POST"; body?: unknown; bodyBudget?: BudgetName } = {},
  ): Promise<Outcome<JsonReply>> {
    const { retry, sleep, listTimeoutMs, maxListBytes } = this.options;
    const clampedSleep = (ms: number) => sleep(Math.min(ms, budget.msLeft()));
    return withRetry(retry, clampedSleep, (attempt) =>
      sendJson(this.#ctx, {
        op,
        method: request.method ?? "GET",
        url,
        headers: this.#headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        timeoutMs: listTimeoutMs,
        maxBytes: maxListBytes,
        attempt,
        budget,
        ...(request.bodyBudget ? { bodyBudget: request.bodyBudget } : {}),
      }),
    );
  }

  /** A chat call: one attempt; its failure is reported, never retried into a verdict. */
  call(op: string, url: string, body: unknown): Promise<Outcome<JsonReply>> {
    return sendJson(this.#ctx, {
      op,
      method: "POST",
      url,
      headers: this.#headers,
      body,
      timeoutMs: this.options.callTimeoutMs,
      maxBytes: this.options.maxCallBytes,
    });
  }

  /** Validates a 2xx body against the documented shape; a mismatch is a bad_response. */
  parse<S extends z.ZodType>(schema: S, json: unknown, op: string): Outcome<z.infer<S>> {
    const result = schema.safeParse(json);
    if (result.success) return ok(result.data);
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "(root)";
    return fail({
      kind: "bad_response",
      provider: this.provider,
      status: 200,
      message: redact(
        `${this.provider} ${op}: unexpected response shape at ${where}: ${issue?.message ?? "invalid"}`,
        this.secrets,
      ),
    });
  }

  close(): Promise<void> {
    return this.#agent.close();
  }
}
