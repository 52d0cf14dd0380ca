// Provider-shaped error bodies, as each API documents them, so adapters parse the real shapes.
import { HttpResponse } from "msw";
import type { Dialect } from "../providers.js";

function openaiType(status: number): { type: string; code: string | null } {
  if (status === 401) return { type: "invalid_request_error", code: "invalid_api_key" };
  if (status === 403)
    return { type: "invalid_request_error", code: "unsupported_country_region_territory" };
  if (status === 404) return { type: "invalid_request_error", code: "model_not_found" };
  if (status === 429) return { type: "requests", code: "rate_limit_exceeded" };
  if (status >= 500) return { type: "server_error", code: null };
  return { type: "invalid_request_error", code: null };
}

function anthropicType(status: number): string {
  const types: Record<number, string> = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    529: "overloaded_error",
  };
  return types[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
}

function googleStatus(status: number): string {
  const names: Record<number, string> = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
  };
  return names[status] ?? (status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION");
}

export function errorBody(dialect: Dialect, status: number, message: string): unknown {
  switch (dialect) {
    case "openai":
      return { error: { message, ...openaiType(status), param: null } };
    case "anthropic":
      return { type: "error", error: { type: anthropicType(status), message } };
    case "google":
      return { error: { code: status, message, status: googleStatus(status) } };
    case "ollama":
      return { error: message };
  }
}

export function errorResponse(
  dialect: Dialect,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return HttpResponse.json(errorBody(dialect, status, message) as Record<string, unknown>, {
    status,
    headers,
  });
}

/** Gemini answers a wrong key with 400 INVALID_ARGUMENT and reason API_KEY_INVALID. */
export function googleInvalidKey(): Response {
  return HttpResponse.json(
    {
      error: {
        code: 400,
        message: "API key not valid. Please pass a valid API key.",
        status: "INVALID_ARGUMENT",
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: "API_KEY_INVALID",
            domain: "googleapis.com",
            metadata: { service: "generativelanguage.googleapis.com" },
          },
        ],
      },
    },
    { status: 400 },
  );
}

export function defaultFaultMessage(status: number, credential: string): string {
  if (status === 401) return `Incorrect API key provided: ${credential}.`;
  if (status === 403) return `Key ${credential} is not allowed to use this resource.`;
  if (status === 404) return `The requested model does not exist (key ${credential}).`;
  if (status === 429) return `Rate limit reached for key ${credential}. Please try again later.`;
  if (status === 529) return "Overloaded";
  if (status >= 500) return `The server had an error processing your request (key ${credential}).`;
  return `Bad request (key ${credential}).`;
}
