// Strips secrets from any text before it reaches a message, a log line, an event or a file.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi;
const QUERY_SECRETS =
  /([?&](?:key|api[_-]?key|apikey|token|access[_-]?token|secret|password|auth|sig|signature)=)[^&#\s"']+/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;
const KEY_SHAPES =
  /\b(?:sk-(?:ant-|proj-|or-v1-)?[A-Za-z0-9_-]{16,}|AIza[0-9A-Za-z_-]{30,}|xai-[A-Za-z0-9]{20,}|gsk_[A-Za-z0-9]{20,})\b/g;
const HEADER_SECRETS =
  /((?:x-api-key|x-goog-api-key|authorization|api-key)\s*[:=]\s*)("?)[^\s",}]+/gi;

export const REDACTED = "[REDACTED]";

/**
 * Removes every known secret value, URL userinfo, secret-looking query parameters, bearer
 * tokens, provider key shapes and secret headers from `text`. Known secrets shorter than 4
 * characters are ignored (they would erase ordinary text).
 */
export function redact(text: string, secrets: Iterable<string | undefined> = []): string {
  let out = text;
  const known = [...secrets].filter((s): s is string => typeof s === "string" && s.length >= 4);
  // Longest first, so a secret that contains another is removed whole.
  known.sort((a, b) => b.length - a.length);
  for (const s of known) {
    out = out.split(s).join(REDACTED);
    const encoded = encodeURIComponent(s);
    if (encoded !== s) out = out.split(encoded).join(REDACTED);
  }
  return out
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
    .replace(QUERY_SECRETS, `$1${REDACTED}`)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(KEY_SHAPES, REDACTED)
    .replace(HEADER_SECRETS, `$1$2${REDACTED}`);
}

/** A key shown to a user: only its last 4 characters, e.g. "****abcd". */
export function maskKey(key: string | undefined): string {
  if (!key) return "(not set)";
  if (key.length <= 8) return "****";
  return `****${key.slice(-4)}`;
}

/** A URL shown to a user: scheme and host only, e.g. "https://hooks.slack.com/…". */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return "(invalid url)";
  }
}
