// Seeded randomness for the fault suite. The seed is printed, and OBS_ACCEPTANCE_SEED replays a
// run's choices (kill strategies and delays; the machine's timing still varies).
export type Rng = () => number;

/** mulberry32: small, fast, good enough to spread kill moments. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The suite's seed: OBS_ACCEPTANCE_SEED, else a fresh one; printed either way. */
export function suiteSeed(label: string): number {
  const fromEnv = process.env["OBS_ACCEPTANCE_SEED"];
  const seed = fromEnv ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
  console.info(`${label}: seed ${seed} (replay with OBS_ACCEPTANCE_SEED=${seed})`);
  return seed;
}

export function between(r: Rng, lo: number, hi: number): number {
  return lo + r() * (hi - lo);
}
