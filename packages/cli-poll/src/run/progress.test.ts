// Progress counts: done never passes total, in the counter and in the way a benchmark run feeds
// it (a probe is one unit however many confirmation calls it takes: counting calls against a
// total of probes is how 570/192 was printed).
import { BUILTIN_PROBES, DEFAULT_DETECTOR_PARAMS } from "@observatory/core";
import type { Provider } from "@observatory/providers";
import { describe, expect, it } from "vitest";
import { progressEnabled, progressLine } from "../render/progress.js";
import { benchProvider } from "./bench-worker.js";
import { ProgressCounter, type ProgressSnapshot } from "./progress.js";

function fakeProvider(answer: (prompt: string, call: number) => string): Provider & {
  calls: number;
} {
  const p = {
    name: "openai",
    kind: "openai",
    baseUrl: "http://127.0.0.1:9",
    calls: 0,
    listModels: async () => {
      throw new Error("not used");
    },
    canary: async () => {
      throw new Error("not used");
    },
    async complete(_model: string, prompt: string) {
      p.calls++;
      // Let other probes' calls interleave, as on the network.
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      return {
        ok: true as const,
        value: { text: answer(prompt, p.calls), latencyMs: 1, identity: {}, knobs: {} },
      };
    },
    close: async () => {},
  };
  return p as unknown as Provider & { calls: number };
}

describe("ProgressCounter", () => {
  it("never counts past a phase's total, whatever the caller does", () => {
    const seen: ProgressSnapshot[] = [];
    const c = new ProgressCounter((s) => seen.push(s));
    c.plan("canaries", 2);
    for (let i = 0; i < 5; i++) c.done("canaries");
    c.done("listing"); // nothing planned
    expect(c.snapshot().canaries).toEqual({ done: 2, total: 2 });
    expect(c.snapshot().listing).toEqual({ done: 0, total: 0 });
    for (const s of seen)
      for (const p of Object.values(s)) expect(p.done).toBeLessThanOrEqual(p.total);
  });

  it("a benchmark run counts probes, not calls: with confirmations it ends at total, never past", async () => {
    const models = ["a", "b", "c", "d"];
    // No baseline yet: every readable first answer costs R = 3 calls.
    const provider = fakeProvider((_prompt, n) => (n % 2 === 0 ? "4" : "The answer is 5."));
    const seen: ProgressSnapshot[] = [];
    const counter = new ProgressCounter((s) => seen.push(s));
    counter.plan("benchmarks", models.length * BUILTIN_PROBES.length);
    let reported = 0;
    const observations = await benchProvider({
      provider,
      models,
      probes: BUILTIN_PROBES,
      store: null,
      params: DEFAULT_DETECTOR_PARAMS,
      onObserved: () => {
        reported++;
        counter.done("benchmarks");
      },
    });
    const total = models.length * BUILTIN_PROBES.length;
    // Far more calls than probes: counted per call, the display would have passed its total.
    expect(provider.calls).toBeGreaterThan(2 * total);
    expect(observations).toHaveLength(total);
    // One unit per probe reaches the counter (whose clamp is a guard, not the fix).
    expect(reported).toBe(total);
    for (const s of seen) expect(s.benchmarks.done).toBeLessThanOrEqual(s.benchmarks.total);
    expect(counter.snapshot().benchmarks).toEqual({ done: total, total });
  });
});

describe("the progress line", () => {
  it("shows the phases that have work, each as done/total", () => {
    expect(
      progressLine({
        listing: { done: 3, total: 5 },
        canaries: { done: 0, total: 0 },
        benchmarks: { done: 12, total: 60 },
      }),
    ).toBe("listing 3/5 · benchmarks 12/60");
  });

  it("is shown only on a terminal's stderr, and never with --quiet", () => {
    expect(progressEnabled({ isTTY: true }, "normal")).toBe(true);
    expect(progressEnabled({ isTTY: true }, "verbose")).toBe(true);
    expect(progressEnabled({ isTTY: true }, "quiet")).toBe(false);
    expect(progressEnabled({ isTTY: false }, "normal")).toBe(false);
    expect(progressEnabled({}, "verbose")).toBe(false);
  });
});
