// Every adapter against its fixtures through the loopback server, over undici's real path.
import { BENCHMARK_PROMPT_TEXTS, type FIXTURE_PROVIDERS } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { PROVIDER_NAMES } from "../src/index.js";
import { harness } from "./helpers.js";

const FIRST_MODEL: Record<(typeof PROVIDER_NAMES)[number], string> = {
  openai: "gpt-4o",
  anthropic: "claude-opus-4-6",
  google: "gemini-2.5-pro",
  xai: "grok-4-0709",
  mistral: "mistral-large-latest",
  deepseek: "deepseek-chat",
  openrouter: "openrouter/polaris-alpha",
  venice: "venice-uncensored",
  volink: "volink-chat-large",
  zhipu: "glm-4.6",
  moonshot: "kimi-k2-0905-preview",
  ollama: "llama3.2:latest",
};

const EXPECTED_COUNT: Record<(typeof PROVIDER_NAMES)[number], number> = {
  openai: 10,
  anthropic: 8,
  google: 8,
  xai: 6,
  mistral: 6,
  deepseek: 2,
  openrouter: 340,
  venice: 4,
  volink: 3,
  zhipu: 5,
  moonshot: 6,
  ollama: 4,
};

describe.each(PROVIDER_NAMES)("%s adapter", (name) => {
  it("lists every model of its recorded listing, in order", async () => {
    const h = await harness();
    const out = await h.provider(name).listModels();
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value.provider).toBe(name);
    expect(out.value.models).toHaveLength(EXPECTED_COUNT[name]);
    expect(out.value.models[0]?.id).toBe(FIRST_MODEL[name]);
    expect(out.value.skipped).toBe(0);
  });

  it("answers a canary and a benchmark prompt with the model's text and serving identity", async () => {
    const h = await harness({ scenario: { answers: [{ prompt: 1, surfaces: ["**4**"] }] } });
    const p = h.provider(name);
    const model = FIRST_MODEL[name];
    const canary = await p.canary(model);
    if (!canary.ok) throw new Error(canary.error.message);
    expect(canary.value.text.toLowerCase()).toContain("ok");
    const bench = await p.complete(model, BENCHMARK_PROMPT_TEXTS[1]);
    if (!bench.ok) throw new Error(bench.error.message);
    expect(bench.value.text).toBe("**4**");
    expect(bench.value.latencyMs).toBeGreaterThanOrEqual(0);
    if (name === "google") expect(bench.value.identity.model_version).toBe(model);
    else expect(bench.value.identity.resolved_model).toBe(model);
    const calls = h.server.scenario.calls({ provider: name, route: "chat" });
    expect(calls.map((c) => c.prompt)).toEqual([
      BENCHMARK_PROMPT_TEXTS[0],
      BENCHMARK_PROMPT_TEXTS[1],
    ]);
  });
});

describe("request details", () => {
  it("asks for determinism (temperature 0, top_p 1, seed 0) where the provider supports it", async () => {
    const h = await harness();
    await h.provider("openai").complete("gpt-4o", "2+2=?");
    await h.provider("mistral").complete("mistral-small-latest", "2+2=?");
    await h.provider("anthropic").complete("claude-opus-4-6", "2+2=?");
    await h.provider("google").complete("gemini-2.0-flash", "2+2=?");
    await h.provider("ollama").complete("llama3.2:latest", "2+2=?");
    const body = (provider: (typeof FIXTURE_PROVIDERS)[number]) =>
      JSON.parse(h.server.scenario.calls({ provider, route: "chat" })[0]?.body ?? "{}");
    expect(body("openai")).toMatchObject({
      temperature: 0,
      top_p: 1,
      seed: 0,
      max_completion_tokens: 64,
    });
    expect(body("mistral")).toMatchObject({
      temperature: 0,
      top_p: 1,
      random_seed: 0,
      max_tokens: 64,
    });
    expect(body("anthropic")).toMatchObject({ temperature: 0, max_tokens: 64 });
    expect(body("anthropic")).not.toHaveProperty("top_p");
    expect(body("google").generationConfig).toEqual({
      maxOutputTokens: 64,
      temperature: 0,
      topP: 1,
      seed: 0,
    });
    expect(body("ollama")).toMatchObject({
      stream: false,
      options: { temperature: 0, top_p: 1, seed: 0 },
    });
  });

  it("reports serving identity changes: OpenAI's resolved snapshot and system_fingerprint", async () => {
    const h = await harness({
      scenario: {
        identities: [
          {
            provider: "openai",
            model: "gpt-4o",
            resolvedModel: "gpt-4o-2024-08-06",
            systemFingerprint: "fp_a",
          },
          { provider: "openai", model: "gpt-4o", fromPoll: 2, systemFingerprint: "fp_b" },
          { provider: "google", model: "gemini-2.0-flash", modelVersion: "gemini-2.0-flash-001" },
        ],
      },
    });
    const openai = h.provider("openai");
    const before = await openai.complete("gpt-4o", "2+2=?");
    h.server.scenario.advance();
    const after = await openai.complete("gpt-4o", "2+2=?");
    expect(before.ok && before.value.identity).toEqual({
      resolved_model: "gpt-4o-2024-08-06",
      system_fingerprint: "fp_a",
    });
    expect(after.ok && after.value.identity.system_fingerprint).toBe("fp_b");
    const google = await h.provider("google").complete("gemini-2.0-flash", "2+2=?");
    expect(google.ok && google.value.identity).toEqual({ model_version: "gemini-2.0-flash-001" });
  });

  it("reports the Ollama digest the last listing saw, and its change", async () => {
    const digest = "a".repeat(64);
    const h = await harness({
      scenario: {
        catalogs: { ollama: { patch: [{ fromPoll: 2, id: "llama3.2:latest", set: { digest } }] } },
      },
    });
    const ollama = h.provider("ollama");
    const first = await ollama.listModels();
    const before = await ollama.complete("llama3.2:latest", "2+2=?");
    h.server.scenario.advance();
    const second = await ollama.listModels();
    const after = await ollama.complete("llama3.2:latest", "2+2=?");
    expect(first.ok && first.value.models[0]?.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(before.ok && before.value.identity.digest).toBe(
      first.ok ? first.value.models[0]?.digest : "",
    );
    expect(second.ok && second.value.models[0]?.digest).toBe(digest);
    expect(after.ok && after.value.identity.digest).toBe(digest);
  });

  it("extracts context, output limit and capabilities from Anthropic, Gemini and Ollama listings", async () => {
    const h = await harness();
    const anthropic = await h.provider("anthropic").listModels();
    const google = await h.provider("google").listModels();
    const ollama = await h.provider("ollama").listModels();
    expect(anthropic.ok && anthropic.value.models[0]).toMatchObject({
      id: "claude-opus-4-6",
      name: "Claude Opus 4.6",
      context_length: 200000,
      max_output_tokens: 128000,
    });
    expect(anthropic.ok && anthropic.value.models[0]?.capabilities).toEqual(
      expect.arrayContaining(["vision", "reasoning", "batch"]),
    );
    expect(google.ok && google.value.models[0]).toMatchObject({
      id: "gemini-2.5-pro",
      context_length: 1048576,
      max_output_tokens: 65536,
    });
    expect(google.ok && google.value.models[0]?.capabilities).toContain("method:generateContent");
    expect(ollama.ok && ollama.value.models[0]).toMatchObject({
      id: "llama3.2:latest",
      context_length: 131072,
    });
    expect(ollama.ok && ollama.value.models[0]?.capabilities).toContain("tools");
  });

  it("lists the same records whatever order the provider lists them in", async () => {
    const h = await harness({ scenario: { seed: 9, catalogs: { openrouter: { reorder: {} } } } });
    const p = h.provider("openrouter");
    const a = await p.listModels();
    h.server.scenario.advance();
    const b = await p.listModels();
    if (!a.ok || !b.ok) throw new Error("listing failed");
    expect(b.value.models.map((m) => m.id)).not.toEqual(a.value.models.map((m) => m.id));
    const byId = (ms: typeof a.value.models) => [...ms].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(b.value.models)).toEqual(byId(a.value.models));
  });
});
