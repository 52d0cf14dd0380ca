// One canonical JSON spelling: sorted keys, no insignificant whitespace, NFC strings.
// Shared by fingerprints (hash input) and the JSON canonicalizer (answer comparison).

/** Deeper documents are not answers to any probe; refusing them keeps recursion bounded. */
const MAX_DEPTH = 64;

/**
 * Canonical JSON text of a JSON-compatible value, or null when the value is not JSON
 * (undefined, functions, non-finite numbers, bigint) or nests deeper than MAX_DEPTH.
 * Key order never matters; array order always does.
 */
export function canonicalJson(value: unknown): string | null {
  return write(value, 0);
}

function write(value: unknown, depth: number): string | null {
  if (depth > MAX_DEPTH) return null;
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      // JSON.stringify gives the shortest round-trip spelling, so 1.0 and 1 agree.
      return Number.isFinite(value) ? JSON.stringify(value) : null;
    case "string":
      return JSON.stringify(value.normalize("NFC"));
    case "object":
      return Array.isArray(value) ? writeArray(value, depth) : writeObject(value, depth);
    default:
      return null;
  }
}

function writeArray(items: readonly unknown[], depth: number): string | null {
  const parts: string[] = [];
  for (const item of items) {
    const part = write(item, depth + 1);
    if (part === null) return null;
    parts.push(part);
  }
  return `[${parts.join(",")}]`;
}

function writeObject(obj: object, depth: number): string | null {
  // Keys are NFC-normalised before sorting so two spellings of one key sort (and collide) alike.
  const entries = Object.entries(obj).map(([k, v]) => [k.normalize("NFC"), v] as const);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: string[] = [];
  for (const [key, v] of entries) {
    const part = write(v, depth + 1);
    if (part === null) return null;
    parts.push(`${JSON.stringify(key)}:${part}`);
  }
  return `{${parts.join(",")}}`;
}
