// Maps an HTTP failure to an error kind, reads Retry-After, and extracts the provider's own
// error message from the documented error shapes (OpenAI, Anthropic, Gemini, Ollama).
import { redact } from "@observatory/core";
import type { ProviderErrorKind } from "../outcome.js";

export function kindForStatus(status: number, body: unknown): ProviderErrorKind {
  if (status === 401 || status === 403) return "auth";
  // Gemini answers a wrong key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID.
  if (status === 400 && isGoogleInvalidKey(body)) return "auth";
  if (status === 404) return "not_found";
  if (status === 408) return "timeout";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server";
  return "rejected";
}

function isGoogleInvalidKey(body: unknown): boolean {
  const details = (body as { error?: { details?: unknown } } | undefined)?.error?.details;
  return (
    Array.isArray(details) &&
    details.some((d) => (d as { reason?: unknown } | undefined)?.reason === "API_KEY_INVALID")
  );
}

/** Retry-After in ms: `retry-after-ms`, delta-seconds or an HTTP date; undefined if absent. */
export function retryAfterMs(
  headers: Record<string, string | string[] | undefined>,
  now: number = Date.now(),
): number | undefined {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const ms = first(headers["retry-after-ms"]);
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const value = first(headers["retry-after"])?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const MAX_DETAIL = 200;

/**
 * The provider's error text from a JSON error body, redacted, one line, at most 200 characters.
 * Redaction comes first: a key cut in half by the truncation matches neither the configured
 * value nor a key pattern, and its head would leak.
 */
export function providerMessage(
  body: unknown,
  secrets: readonly string[] = [],
): string | undefined {
  const b = body as
    | { error?: unknown; message?: unknown; detail?: unknown; msg?: unknown }
    | undefined;
  const candidates = [
    (b?.error as { message?: unknown } | undefined)?.message,
    b?.error,
    b?.message,
    b?.detail,
    b?.msg,
  ];
  const text = candidates.find((c): c is string => typeof c === "string" && c.trim() !== "");
  if (!text) return undefined;
  const line = redact(text, secrets).replace(/\s+/g, " ").trim();
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL)}…` : line;
}
