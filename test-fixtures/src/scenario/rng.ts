// Seeded randomness for scenarios: every choice is a pure function of (seed, decision key), so a
// scenario replays identically whatever order concurrent requests arrive in.

/** cyrb53-style 53-bit string hash. */
function hash(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A float in [0, 1) determined by the seed and the decision key. */
export function unit(seed: number, key: string): number {
  return hash(key, seed) / 2 ** 53;
}

/** An index in [0, n). */
export function pick(seed: number, key: string, n: number): number {
  return Math.min(n - 1, Math.floor(unit(seed, key) * n));
}

/** A seeded Fisher-Yates shuffle (returns a new array). */
export function shuffle<T>(items: readonly T[], seed: number, key: string): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = pick(seed, `${key}#${i}`, i + 1);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}
