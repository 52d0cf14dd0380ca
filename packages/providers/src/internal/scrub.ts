// Last line of defence for data that leaves an adapter: known secret values, and any run of 12
// or more of their characters, are removed from every string. Error text additionally goes
// through core's pattern redaction. The walk recurses only over what adapters build (records
// are flat, outcomes a few levels), never over raw provider JSON.

export function scrubSecrets<T>(value: T, redact: (text: string) => string): T {
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
