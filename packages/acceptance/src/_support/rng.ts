// Seeded randomness for the fault suite. The seed is printed, and OBS_ACCEPTANCE_SEED replays a
// run's choices (kill strategies and delays; the machine's timing still varies).
export type Rng = () => number;

export { rng } from "@observatory/test-fixtures";

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
