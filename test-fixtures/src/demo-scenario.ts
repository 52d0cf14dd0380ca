// The scenario `pnpm demo` plays: a few polls in which every kind of change the observatory
// must tell apart happens once, next to noise it must not report.
import type { ScenarioSpec } from "./scenario/spec.js";

export const DEMO_SCENARIO: ScenarioSpec = {
  seed: 42,
  latencyMs: 5,
  catalogs: {
    // Real OpenRouter lists: 340 models, then the 421-model list of a later date from poll 4.
    openrouter: {
      source: "openrouter/models-2025-11-07",
      timeline: [{ fromPoll: 4, source: "openrouter/models-2026-08-22" }],
      reorder: { fromPoll: 2 },
      respell: { fromPoll: 2, floats: true },
    },
    // Noise only: new order, exponent prices, NFD names. No event should come of it.
    volink: { reorder: { fromPoll: 2 }, respell: { fromPoll: 2, floats: true, unicode: "NFD" } },
    anthropic: { maxPageSize: 3 },
    google: { maxPageSize: 3 },
    venice: {
      patch: [
        {
          fromPoll: 3,
          id: "qwen3-235b",
          set: { model_spec: { pricing: { input: { usd: 0.7 } } } },
        },
      ],
    },
    mistral: { remove: [{ fromPoll: 3, ids: ["open-mistral-nemo"] }] },
    ollama: {
      patch: [
        {
          fromPoll: 3,
          id: "llama3.2:latest",
          set: { digest: "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72" },
        },
      ],
    },
  },
  answers: [
    // Sampling noise: gpt-4o sometimes says something else once; confirmation must absorb it.
    { provider: "openai", model: "gpt-4o", prompt: 1, flip: { rate: 0.15, surfaces: ["5"] } },
    // A real behaviour change from poll 3: the JSON tier starts dropping the nested object.
    {
      provider: "anthropic",
      model: "claude-sonnet-4-5-20250929",
      prompt: 4,
      change: { fromPoll: 3, surfaces: ['{"name":"test","values":[1,2,3]}'] },
    },
  ],
  identities: [
    { provider: "openai", model: "gpt-4o", resolvedModel: "gpt-4o-2024-08-06" },
    { provider: "openai", model: "gpt-4o", fromPoll: 3, systemFingerprint: "fp_fixture0002" },
  ],
  faults: [
    {
      provider: "google",
      route: "models",
      fromPoll: 2,
      untilPoll: 2,
      times: 1,
      fault: { type: "status", status: 503 },
    },
    {
      provider: "deepseek",
      route: "models",
      fromPoll: 5,
      untilPoll: 5,
      fault: { type: "html", status: 502 },
    },
    {
      provider: "xai",
      route: "chat",
      probability: 0.1,
      fault: { type: "status", status: 429, retryAfterSeconds: 1 },
    },
  ],
};
