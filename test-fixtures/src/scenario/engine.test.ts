import { describe, expect, it } from "vitest";
import { BENCHMARK_PROMPT_TEXTS, DEFAULT_SURFACES } from "../prompts.js";
import { entryId } from "./catalog.js";
import { ScenarioEngine } from "./engine.js";

const ECHO = BENCHMARK_PROMPT_TEXTS[0];
const SUM = BENCHMARK_PROMPT_TEXTS[1];

function answers(engine: ScenarioEngine, n: number, prompt: string = ECHO): string[] {
  return Array.from({ length: n }, () => engine.answer("openai", "gpt-4o", prompt));
}

describe("scripted answers", () => {
  it("vary in surface form, seeded: the same scenario replays the same answers", () => {
    const a = answers(new ScenarioEngine({ seed: 7 }), 30);
    const b = answers(new ScenarioEngine({ seed: 7 }), 30);
    const c = answers(new ScenarioEngine({ seed: 8 }), 30);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a).size).toBeGreaterThan(1);
    for (const s of a) expect(DEFAULT_SURFACES[0]).toContain(s);
  });

  it("flip to another canonical answer at about the scripted rate", () => {
    const engine = new ScenarioEngine({
      seed: 1,
      answers: [{ prompt: 1, flip: { rate: 0.2, surfaces: ["5"] } }],
    });
    const got = answers(engine, 2000, SUM);
    const rate = got.filter((s) => s === "5").length / got.length;
    expect(rate).toBeGreaterThan(0.16);
    expect(rate).toBeLessThan(0.24);
  });

  it("change permanently from the scripted poll", () => {
    const engine = new ScenarioEngine({
      answers: [{ model: "gpt-4o", prompt: 1, change: { fromPoll: 3, surfaces: ["5"] } }],
    });
    const byPoll = [1, 2, 3, 4].map((poll) => {
      while (engine.poll < poll) engine.advance();
      return new Set(answers(engine, 20, SUM));
    });
    expect([...byPoll[0]!, ...byPoll[1]!]).not.toContain("5");
    expect([...byPoll[2]!]).toEqual(["5"]);
    expect([...byPoll[3]!]).toEqual(["5"]);
  });

  it("prefer the most specific rule (model over provider over any)", () => {
    const engine = new ScenarioEngine({
      answers: [
        { prompt: 0, surfaces: ["any"] },
        { provider: "openai", prompt: 0, surfaces: ["provider"] },
        { model: "gpt-4o", prompt: 0, surfaces: ["model"] },
      ],
    });
    expect(engine.answer("openai", "gpt-4o", ECHO)).toBe("model");
    expect(engine.answer("openai", "gpt-4.1", ECHO)).toBe("provider");
    expect(engine.answer("xai", "grok-3", ECHO)).toBe("any");
    expect(engine.answer("xai", "grok-3", "What is your name?")).toBe("OK");
  });
});

describe("faults", () => {
  it("apply to the first N matching requests in the scripted polls only", () => {
    const engine = new ScenarioEngine({
      faults: [
        {
          provider: "google",
          route: "models",
          fromPoll: 2,
          times: 2,
          fault: { type: "status", status: 503 },
        },
      ],
    });
    expect(engine.fault("google", "models", undefined)).toBeUndefined();
    engine.advance();
    expect(engine.fault("google", "chat", undefined)).toBeUndefined();
    expect(engine.fault("openai", "models", undefined)).toBeUndefined();
    expect(engine.fault("google", "models", undefined)).toEqual({ type: "status", status: 503 });
    expect(engine.fault("google", "models", undefined)).toBeDefined();
    expect(engine.fault("google", "models", undefined)).toBeUndefined();
    engine.reset();
    engine.advance();
    expect(engine.fault("google", "models", undefined)).toBeDefined();
  });

  it("fire with the scripted probability", () => {
    const engine = new ScenarioEngine({
      seed: 3,
      faults: [{ route: "chat", probability: 0.3, fault: { type: "reset" } }],
    });
    const hits = Array.from({ length: 1000 }, () => engine.fault("xai", "chat", "grok-3")).filter(
      Boolean,
    );
    expect(hits.length).toBeGreaterThan(250);
    expect(hits.length).toBeLessThan(350);
  });
});

describe("catalogs", () => {
  it("serve the real OpenRouter list, then a later real list from a timeline poll", () => {
    const engine = new ScenarioEngine({
      catalogs: {
        openrouter: { timeline: [{ fromPoll: 2, source: "openrouter/models-2026-08-22" }] },
      },
    });
    expect(engine.catalog("openrouter").entries).toHaveLength(340);
    engine.advance();
    expect(engine.catalog("openrouter").entries).toHaveLength(421);
  });

  it("add, remove and patch models from their polls on", () => {
    const engine = new ScenarioEngine({
      catalogs: {
        openai: {
          add: [
            {
              fromPoll: 2,
              models: [{ id: "gpt-6", object: "model", created: 1, owned_by: "system" }],
            },
          ],
          remove: [{ fromPoll: 2, ids: ["gpt-4o"] }],
          patch: [{ fromPoll: 3, id: "gpt-5", set: { owned_by: "openai" } }],
        },
      },
    });
    const ids = () => engine.catalog("openai").entries.map((e) => entryId("openai", e));
    expect(ids()).toContain("gpt-4o");
    expect(ids()).not.toContain("gpt-6");
    engine.advance();
    expect(ids()).toContain("gpt-6");
    expect(ids()).not.toContain("gpt-4o");
    expect(engine.catalog("openai").entries.find((e) => e.id === "gpt-5")?.owned_by).toBe("system");
    engine.advance();
    expect(engine.catalog("openai").entries.find((e) => e.id === "gpt-5")?.owned_by).toBe("openai");
  });

  it("reorder the same models differently each poll", () => {
    const engine = new ScenarioEngine({ seed: 5, catalogs: { openrouter: { reorder: {} } } });
    const first = engine.catalog("openrouter").entries.map((e) => e.id);
    engine.advance();
    const second = engine.catalog("openrouter").entries.map((e) => e.id);
    expect(second).not.toEqual(first);
    expect([...second].sort()).toEqual([...first].sort());
  });
});

describe("serving identity", () => {
  it("follows the latest matching rule from its poll", () => {
    const engine = new ScenarioEngine({
      identities: [
        {
          provider: "openai",
          model: "gpt-4o",
          resolvedModel: "gpt-4o-2024-08-06",
          systemFingerprint: "fp_a",
        },
        { provider: "openai", model: "gpt-4o", fromPoll: 2, systemFingerprint: "fp_b" },
      ],
    });
    expect(engine.identity("openai", "gpt-4o")).toEqual({
      resolvedModel: "gpt-4o-2024-08-06",
      systemFingerprint: "fp_a",
    });
    engine.advance();
    expect(engine.identity("openai", "gpt-4o").systemFingerprint).toBe("fp_b");
  });
});
