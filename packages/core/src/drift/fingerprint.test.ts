import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ModelRecord } from "../model.js";
import { modelFingerprint, modelIdsHash, registryHash } from "./fingerprint.js";

// Shaped like OpenRouter's openai/gpt-4o-mini entry of 2026-08-22.
const mini: ModelRecord = {
  id: "openai/gpt-4o-mini",
  name: "OpenAI: GPT-4o-mini",
  context_length: 128000,
  max_output_tokens: 16384,
  pricing: { prompt: "0.00000015", completion: "0.0000006", input_cache_read: "0.000000075" },
  capabilities: ["max_tokens", "response_format", "seed", "tool_choice", "tools"],
};
const sonnet: ModelRecord = {
  id: "anthropic/claude-sonnet-4.5",
  name: "Anthropic: Claude Sonnet 4.5",
  context_length: 1000000,
  pricing: { prompt: "0.000003", completion: "0.000015" },
  capabilities: ["tools", "reasoning"],
};
const qwen: ModelRecord = { id: "qwen2.5:7b", digest: "sha256:845DBDA0EA48" };

describe("modelFingerprint", () => {
  it("is a full SHA-256", () => {
    expect(modelFingerprint(mini)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, ModelRecord]>([
    [
      "prices as floats",
      { ...mini, pricing: { prompt: 1.5e-7, completion: 6e-7, input_cache_read: 7.5e-8 } },
    ],
    [
      "prices in exponent form",
      { ...mini, pricing: { completion: "6e-07", input_cache_read: "7.50e-8", prompt: "1.5E-7" } },
    ],
    [
      "capabilities reordered and repeated",
      {
        ...mini,
        capabilities: ["tools", "seed", "tools", "tool_choice", "response_format", "max_tokens"],
      },
    ],
    [
      "name in NFD with stray spaces",
      { ...mini, name: "  OpenAI:  GPT-4o-mini ".normalize("NFD") },
    ],
    ["zero prices added", { ...mini, pricing: { ...mini.pricing, request: "0", image: 0 } }],
    ["empty optional fields", { ...mini, deprecation_date: "", expiration_date: " " }],
  ])("ignores %s", (_label, respelled) => {
    expect(modelFingerprint(respelled)).toBe(modelFingerprint(mini));
  });

  it("treats an Ollama digest's hex case as spelling", () => {
    expect(modelFingerprint({ ...qwen, digest: "sha256:845dbda0ea48" })).toBe(
      modelFingerprint(qwen),
    );
  });

  it.each<[string, ModelRecord]>([
    ["a price change", { ...mini, pricing: { ...mini.pricing, prompt: "0.0000002" } }],
    ["a new capability", { ...mini, capabilities: [...(mini.capabilities ?? []), "vision"] }],
    ["a context change", { ...mini, context_length: 64000 }],
    ["a deprecation date", { ...mini, deprecation_date: "2026-10-01" }],
    ["a rename", { ...mini, name: "OpenAI: GPT-4o mini" }],
    ["a new digest", { ...qwen, id: mini.id, digest: "sha256:0000" }],
  ])("changes on %s", (_label, changed) => {
    expect(modelFingerprint(changed)).not.toBe(modelFingerprint(mini));
  });
});

describe("registryHash", () => {
  it("ignores list order, whatever the permutation", () => {
    const list = [mini, sonnet, qwen];
    const expected = registryHash("openrouter", list);
    fc.assert(
      fc.property(fc.shuffledSubarray(list, { minLength: 3, maxLength: 3 }), (shuffled) => {
        expect(registryHash("openrouter", shuffled)).toBe(expected);
      }),
    );
  });

  it("does not let a repeated id make the hash depend on order", () => {
    const cheaper = { ...sonnet, pricing: { prompt: "0.000001" } };
    expect(registryHash("p", [sonnet, cheaper])).toBe(registryHash("p", [cheaper, sonnet]));
  });

  it("changes when a model is added, removed or changed, and per provider", () => {
    const base = registryHash("openrouter", [mini, sonnet]);
    expect(registryHash("openrouter", [mini, sonnet, qwen])).not.toBe(base);
    expect(registryHash("openrouter", [mini])).not.toBe(base);
    expect(registryHash("openrouter", [mini, { ...sonnet, context_length: 200000 }])).not.toBe(
      base,
    );
    expect(registryHash("anthropic", [mini, sonnet])).not.toBe(base);
  });
});

describe("modelIdsHash", () => {
  it("depends on which ids exist, not on their metadata or order", () => {
    const base = modelIdsHash([mini, sonnet]);
    expect(modelIdsHash([{ ...sonnet, name: "renamed" }, mini])).toBe(base);
    expect(modelIdsHash([mini])).not.toBe(base);
  });
});

describe("counts too large for a safe integer", () => {
  it("fingerprint as the same field, spelling-independent, and changes still show", () => {
    const huge = { id: "x", context_length_decimal: "1152921504606846976" };
    expect(modelFingerprint({ id: "x", context_length_decimal: "131072" })).toBe(
      modelFingerprint({ id: "x", context_length: 131072 }),
    );
    expect(modelFingerprint({ ...huge, context_length_decimal: "1.152921504606846976e18" })).toBe(
      modelFingerprint(huge),
    );
    expect(modelFingerprint({ ...huge, context_length_decimal: "2305843009213693952" })).not.toBe(
      modelFingerprint(huge),
    );
    expect(modelFingerprint(huge)).not.toBe(modelFingerprint({ id: "x" }));
  });
});
