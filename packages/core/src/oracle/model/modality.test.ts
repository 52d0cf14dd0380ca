// What the snapshots' capability flags say a model takes in and gives out, per provider dialect.
import { describe, expect, it } from "vitest";
import { modalitiesOf } from "./modality.js";

describe("modalitiesOf", () => {
  it.each([
    // OpenRouter: architecture.input_modalities / output_modalities, recorded as input:/output:
    [
      "an OpenRouter music model",
      ["input:image", "input:text", "output:audio", "output:text", "vision"],
      { input: ["image", "text"], output: ["audio", "text"] },
    ],
    [
      "an OpenRouter chat model",
      ["input:file", "input:text", "output:text", "tools"],
      { input: ["file", "text"], output: ["text"] },
    ],
    // Gemini: supportedGenerationMethods
    [
      "a Gemini chat model",
      ["method:countTokens", "method:generateContent"],
      { input: ["text"], output: ["text"] },
    ],
    ["a Gemini embedder", ["method:embedContent"], { input: ["text"], output: ["embedding"] }],
    ["Imagen", ["method:predict"], { input: ["text"], output: ["image"] }],
    // Ollama: /api/show capabilities
    [
      "an Ollama vision chat model",
      ["completion", "tools", "vision"],
      { input: ["image", "text"], output: ["text"] },
    ],
    ["an Ollama embedder", ["embedding"], { input: ["text"], output: ["embedding"] }],
    // Mistral: completion_chat / completion_fim
    ["a Mistral chat model", ["chat", "tools"], { input: ["text"], output: ["text"] }],
    // Flags that say nothing about output: unknown
    ["tools and vision only", ["tools", "vision"], null],
    ["Anthropic's capability paths", ["image_input", "thinking"], null],
    ["no flags", [], null],
    ["no capabilities at all", undefined, null],
  ])("%s", (_name, caps, expected) => {
    expect(modalitiesOf(caps)).toEqual(expected);
  });
});
