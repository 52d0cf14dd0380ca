// The common path of every fixture route: log the call, wait the scenario's latency, check the
// credential the way the provider does, inject a fault if one is due, else answer normally.
import { HttpResponse } from "msw";
import { FIXTURE_PROVIDER_INFO, type FixtureProvider } from "../providers.js";
import type { ScenarioEngine } from "../scenario/engine.js";
import type { Route } from "../scenario/spec.js";
import { errorResponse, googleInvalidKey } from "./errors.js";
import { faultResponse, sleep } from "./faults.js";

export interface ServeContext {
  engine: ScenarioEngine;
  provider: FixtureProvider;
  route: Route;
  request: Request;
  body?: string;
  model?: string;
  prompt?: string;
}

/** A chat route's context: the request, its raw body, and the model and prompt when present. */
export function chatContext(
  engine: ScenarioEngine,
  provider: FixtureProvider,
  request: Request,
  body: string,
  model: string | undefined,
  prompt: string | undefined,
): ServeContext {
  return {
    engine,
    provider,
    route: "chat",
    request,
    body,
    ...(model !== undefined ? { model } : {}),
    ...(prompt !== undefined ? { prompt } : {}),
  };
}

/** The credential as presented, whatever the header; "" when none. */
export function presentedCredential(provider: FixtureProvider, request: Request): string {
  const h = request.headers;
  switch (FIXTURE_PROVIDER_INFO[provider].auth) {
    case "bearer":
      return (h.get("authorization") ?? "").replace(/^Bearer\s+/i, "");
    case "x-api-key":
      return h.get("x-api-key") ?? "";
    case "x-goog-api-key":
      // Gemini also accepts ?key=; adapters must not use it, and the call log would show it.
      return h.get("x-goog-api-key") ?? new URL(request.url).searchParams.get("key") ?? "";
    case "none":
      return "";
  }
}

function authFailure(provider: FixtureProvider, credential: string, expected: string | undefined) {
  const { auth, dialect } = FIXTURE_PROVIDER_INFO[provider];
  if (auth === "none") return undefined;
  if (credential && (expected === undefined || credential === expected)) return undefined;
  if (dialect === "google") {
    return credential
      ? googleInvalidKey()
      : errorResponse(dialect, 403, "Method doesn't allow unregistered callers.");
  }
  if (dialect === "anthropic") {
    return errorResponse(
      dialect,
      401,
      credential ? "invalid x-api-key" : "x-api-key header is required",
    );
  }
  return errorResponse(
    dialect,
    401,
    credential
      ? `Incorrect API key provided: ${credential}.`
      : "You didn't provide an API key. You need to provide your API key in an Authorization header.",
  );
}

export async function serve(ctx: ServeContext, answer: () => Promise<Response>): Promise<Response> {
  const { engine, provider, route, request } = ctx;
  const url = new URL(request.url);
  const record = engine.begin({
    provider,
    route,
    method: request.method,
    url: url.pathname + url.search,
    headers: Object.fromEntries(request.headers.entries()),
    ...(ctx.body !== undefined ? { body: ctx.body } : {}),
    ...(ctx.model !== undefined ? { model: ctx.model } : {}),
    ...(ctx.prompt !== undefined ? { prompt: ctx.prompt } : {}),
  });
  const signals = [request.signal, engine.closing];
  try {
    await sleep(engine.latencyFor(provider), ...signals);
    const credential = presentedCredential(provider, request);
    let response = authFailure(provider, credential, engine.keys[provider]);
    if (!response) {
      const fault = engine.fault(provider, route, ctx.model);
      if (fault) record.fault = fault.type;
      const { dialect } = FIXTURE_PROVIDER_INFO[provider];
      response = fault
        ? await faultResponse(fault, dialect, credential, answer, signals)
        : await answer();
    }
    record.status = response.type === "error" ? 0 : response.status;
    return response;
  } catch (e) {
    record.status = 500;
    return HttpResponse.json(
      { error: { message: `fixture handler failed: ${String(e)}` } },
      { status: 500 },
    );
  } finally {
    engine.end(record);
  }
}

/** Reads a JSON request body; undefined when it is not JSON. */
export async function readJson(request: Request): Promise<{ text: string; json: unknown }> {
  const text = await request.text();
  try {
    return { text, json: JSON.parse(text) as unknown };
  } catch {
    return { text, json: undefined };
  }
}

/** The text of the last user message in OpenAI/Anthropic/Ollama-style `messages`. */
export function lastUserText(messages: unknown): string | undefined {
  if (!Array.isArray(messages)) return undefined;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { role?: unknown; content?: unknown } | undefined;
    if (m?.role !== "user") continue;
    if (typeof m.content === "string") return m.content;
    if (Array.isArray(m.content)) {
      return m.content
        .map((p: { text?: unknown }) => (typeof p?.text === "string" ? p.text : ""))
        .join("");
    }
  }
  return undefined;
}

/** A deterministic rough token count for usage fields. */
export function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
