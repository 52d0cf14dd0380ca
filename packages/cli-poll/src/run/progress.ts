// How far a run is, per phase: provider listings, canary calls, benchmark probes. Each phase
// counts units of the same kind as its total (a benchmark probe is one unit however many
// confirmation calls it takes: counting calls against a total of probes printed 570/192), and a
// total is raised before any of its units can finish, so done never passes total. Pure.

export const PHASES = ["listing", "canaries", "benchmarks"] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseCount {
  done: number;
  total: number;
}
export type ProgressSnapshot = Record<Phase, PhaseCount>;

export class ProgressCounter {
  readonly #counts: ProgressSnapshot = {
    listing: { done: 0, total: 0 },
    canaries: { done: 0, total: 0 },
    benchmarks: { done: 0, total: 0 },
  };
  constructor(private readonly onChange: (s: ProgressSnapshot) => void = () => {}) {}

  /** `n` more units of this phase will be done. */
  plan(phase: Phase, n: number): void {
    if (n <= 0) return;
    this.#counts[phase].total += n;
    this.onChange(this.snapshot());
  }

  /** One unit finished. A unit nobody planned is a bug in the caller; it is not counted, so the
   * display can never read 570/192. */
  done(phase: Phase): void {
    const c = this.#counts[phase];
    if (c.done >= c.total) return;
    c.done++;
    this.onChange(this.snapshot());
  }

  snapshot(): ProgressSnapshot {
    return {
      listing: { ...this.#counts.listing },
      canaries: { ...this.#counts.canaries },
      benchmarks: { ...this.#counts.benchmarks },
    };
  }
}
