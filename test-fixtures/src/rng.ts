// Seeded randomness for fixtures and fault suites: the same seed gives the same numbers on every
// machine, so a generated fixture or a failing run can be replayed.

/** mulberry32: small, fast, and good enough to spread latencies, outcomes and kill moments. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
