// Last line of defence for data that leaves an adapter: known secret values, and any run of 12
// or more of their characters, are removed from every string. Error text additionally goes
// through core's pattern redaction. The walk recurses only over what adapters build (records
// are flat, outcomes a few levels), never over raw provider JSON.

/**
 * `jsonSafe` says no secret holds a character JSON escapes (quotes, backslashes, controls):
 * then a miss in the serialised value is a miss in every string of it.
 */
export function scrubSecrets<T>(value: T, redact: (text: string) => string, jsonSafe = false): T {
  // Fast path: one native serialisation and one linear scan find nothing in nearly every
  // result, and then a 100k-model listing is returned as is instead of copied string by string.
  if (jsonSafe) {
    const text = JSON.stringify(value);
    if (text === undefined || redact(text) === text) return value;
  }
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
