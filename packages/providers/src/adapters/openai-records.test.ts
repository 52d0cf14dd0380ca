import { loadRecorded } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { finishRecords } from "./finish.js";
import { openAiCompatibleRecord } from "./openai-records.js";

type Doc = { data: Array<Record<string, unknown>> };

describe("records from real OpenRouter entries", () => {
  const doc = loadRecorded<Doc>("openrouter/models-2026-08-22");
  const { models, skipped, warnings } = finishRecords(
    "openrouter",
    doc.data.map(openAiCompatibleRecord),
  );

  it("keeps every model, in order, with nothing to warn about", () => {
    expect(skipped).toBe(0);
    expect(warnings).toEqual([]);
    expect(models.map((m) => m.id)).toEqual(doc.data.map((e) => e.id));
  });

  it("keeps prices as reported (decimal strings), flattening time-of-day overrides", () => {
    const withOverrides = doc.data.find((e) => (e.pricing as { overrides?: unknown }).overrides)!;
    const rec = models.find((m) => m.id === withOverrides.id)!;
    expect(rec.pricing?.prompt).toBe((withOverrides.pricing as { prompt: string }).prompt);
    expect(typeof rec.pricing?.["overrides.0.prompt"]).toBe("string");
  });

  it("takes context, output limit, tool support and expiry", () => {
    const e = doc.data.find(
      (x) => x.expiration_date && (x.supported_parameters as string[]).includes("tools"),
    )!;
    const rec = models.find((m) => m.id === e.id)!;
    expect(rec.context_length).toBe(e.context_length);
    expect(rec.max_output_tokens).toBe(
      (e.top_provider as { max_completion_tokens: number }).max_completion_tokens,
    );
    expect(rec.capabilities).toContain("tools");
    expect(rec.expiration_date).toBe(e.expiration_date);
  });
});

describe("records from other OpenAI-compatible shapes", () => {
  it("reads Mistral's capabilities, context and deprecation", () => {
    const doc = loadRecorded<Doc>("mistral/models");
    const nemo = openAiCompatibleRecord(doc.data.find((e) => e.id === "open-mistral-nemo"));
    expect(nemo).toMatchObject({
      context_length: 131072,
      deprecation_date: "2025-11-30T12:00:00Z",
    });
    expect(nemo?.capabilities).toEqual(expect.arrayContaining(["tools", "chat", "fine_tuning"]));
    expect(nemo?.capabilities).not.toContain("vision");
  });

  it("reads Venice's model_spec: context, output limit, nested pricing, capabilities", () => {
    const doc = loadRecorded<Doc>("venice/models");
    const rec = openAiCompatibleRecord(doc.data.find((e) => e.id === "qwen3-235b"));
    expect(rec).toMatchObject({
      name: "Venice Large 1.1",
      context_length: 131072,
      max_output_tokens: 32768,
      pricing: { "input.usd": 0.9, "output.usd": 4.5 },
    });
    expect(rec?.capabilities).toEqual(
      expect.arrayContaining(["tools", "reasoning", "quantization:fp8"]),
    );
  });

  it("keeps OpenRouter's top provider window beside the model's own, whole numbers only", () => {
    const entry = (top: unknown) => ({
      id: "deepseek/deepseek-chat",
      context_length: 163840,
      top_provider: { context_length: top, max_completion_tokens: 8192 },
    });
    expect(openAiCompatibleRecord(entry(64000))).toMatchObject({
      context_length: 163840,
      top_provider_context_length: 64000,
      max_output_tokens: 8192,
    });
    expect(openAiCompatibleRecord(entry(2 ** 60))?.top_provider_context_length).toBeUndefined();
    expect(openAiCompatibleRecord(entry("64000"))?.top_provider_context_length).toBeUndefined();
  });

  it("gives a bare OpenAI entry just its id", () => {
    expect(
      openAiCompatibleRecord({ id: "gpt-4o", object: "model", created: 1, owned_by: "system" }),
    ).toEqual(expect.objectContaining({ id: "gpt-4o" }));
  });

  it("skips entries without an id and keeps one record per id, whatever the order", () => {
    const entries = [
      { id: "a" },
      undefined,
      { id: "a", name: "dup" },
      openAiCompatibleRecord({ id: "" }),
    ];
    const out = finishRecords("openai", entries);
    expect(out.models).toHaveLength(1);
    expect(out.skipped).toBe(2);
    expect(finishRecords("openai", [...entries].reverse()).models).toEqual(out.models);
  });
});
