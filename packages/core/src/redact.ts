// Strips secrets from any text before it reaches a message, a log line, an event or a file.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi;
const QUERY_SECRETS =
  /([?&](?:key|api[_-]?key|apikey|token|access[_-]?token|secret|password|auth|sig|signature)=)[^&#\s"']+/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;
// Zhipu keys are `<32 hex>.<16 alphanumerics>`; bare 32-character keys (Mistral) have no shape
// that would not also match digests, so only configured values catch those.
const KEY_SHAPES =
  /\b(?:sk-(?:ant-|proj-|or-v1-)?[A-Za-z0-9_-]{16,}|AIza[0-9A-Za-z_-]{30,}|xai-[A-Za-z0-9]{20,}|gsk_[A-Za-z0-9]{20,}|[0-9a-f]{32}\.[A-Za-z0-9]{16})\b/g;
const HEADER_SECRETS =
  /((?:x-api-key|x-goog-api-key|authorization|api-key)\s*[:=]\s*)("?)[^\s",}]+/gi;

export const REDACTED = "[REDACTED]";

/**
 * A run of this many characters of a known secret is treated as the secret: providers echo keys
 * head-truncated ("...Xk3f9a2b..."), elided ("sk-proj-abcd...wxyz") or split across fields, and
 * twelve random characters are as good as the key to anyone brute-forcing the rest.
 */
export const MIN_SECRET_FRAGMENT = 12;

// Polynomial rolling hash (mod 2^32) over fixed-length windows: one multiply per character, so
// scanning a 1 MB body costs the same whatever the key length, and only hash hits compare text.
const BASE = 31;
const POW = (() => {
  let p = 1;
  for (let i = 0; i < MIN_SECRET_FRAGMENT - 1; i++) p = Math.imul(p, BASE);
  return p;
})();

function windowHash(text: string, start: number): number {
  let h = 0;
  for (let i = start; i < start + MIN_SECRET_FRAGMENT; i++)
    h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * Removes known secret values from text: each whole value (and its URL-encoded form), then every
 * run of at least MIN_SECRET_FRAGMENT characters found in any of them. Compile once, apply to many
 * strings (scrubbing a 100k-model listing calls it per string). Secrets shorter than 4 characters
 * are ignored (they would erase ordinary text).
 */
export function secretRedactor(secrets: Iterable<string | undefined>): (text: string) => string {
  const known = [...secrets].filter((s): s is string => typeof s === "string" && s.length >= 4);
  if (known.length === 0) return (text) => text;
  // Longest first, so a secret that contains another is removed whole.
  known.sort((a, b) => b.length - a.length);
  const whole = new Set<string>();
  for (const s of known) {
    whole.add(s);
    whole.add(encodeURIComponent(s));
  }
  const windows = new Set<string>();
  const hashes = new Set<number>();
  for (const s of known) {
    for (let i = 0; i + MIN_SECRET_FRAGMENT <= s.length; i++) {
      windows.add(s.slice(i, i + MIN_SECRET_FRAGMENT));
      hashes.add(windowHash(s, i));
    }
  }
  const values = [...whole];
  return (text) => {
    let out = text;
    for (const s of values) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return windows.size > 0 ? removeFragments(out, windows, hashes) : out;
  };
}

/** Replaces every maximal run covered by known windows with one REDACTED marker. Linear. */
function removeFragments(text: string, windows: Set<string>, hashes: Set<number>): string {
  const n = text.length;
  if (n < MIN_SECRET_FRAGMENT) return text;
  const parts: string[] = [];
  let copied = 0; // text before this index is already in `parts`
  let runStart = -1;
  let runEnd = -1;
  let h = windowHash(text, 0);
  for (let i = 0; ; i++) {
    if (hashes.has(h) && windows.has(text.slice(i, i + MIN_SECRET_FRAGMENT))) {
      if (runStart >= 0 && i <= runEnd) runEnd = i + MIN_SECRET_FRAGMENT;
      else {
        if (runStart >= 0) {
          parts.push(text.slice(copied, runStart), REDACTED);
          copied = runEnd;
        }
        runStart = i;
        runEnd = i + MIN_SECRET_FRAGMENT;
      }
    }
    if (i + MIN_SECRET_FRAGMENT >= n) break;
    const drop = Math.imul(text.charCodeAt(i), POW);
    h = (Math.imul(h - drop, BASE) + text.charCodeAt(i + MIN_SECRET_FRAGMENT)) | 0;
  }
  if (runStart < 0) return text;
  parts.push(text.slice(copied, runStart), REDACTED, text.slice(runEnd));
  return parts.join("");
}

/**
 * Removes every known secret value and any run of 12 or more of its characters, URL userinfo,
 * secret-looking query parameters, bearer tokens, provider key shapes and secret headers from
 * `text`. Redact before truncating: a cut key no longer matches any pattern.
 */
export function redact(text: string, secrets: Iterable<string | undefined> = []): string {
  return secretRedactor(secrets)(text)
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
