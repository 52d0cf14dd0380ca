// What the snapshots' capability flags say a model takes in and gives out, per provider dialect.
import { describe, expect, it } from "vitest";
import { mayNameModality, modalitiesOf } from "./modality.js";

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

describe("mayNameModality: when a snapshot must be parsed for modalities", () => {
  const snap = (models: unknown[]) => Buffer.from(JSON.stringify({ models }));
  it.each([
    ["an OpenRouter output flag", snap([{ id: "a", capabilities: ["output:text"] }]), true],
    ["an Ollama completion flag", snap([{ id: "a", capabilities: ["completion"] }]), true],
    [
      "a Mistral chat flag, last in its list",
      snap([{ id: "a", capabilities: ["tools", "chat"] }]),
      true,
    ],
    [
      "a Gemini method, with whitespace",
      Buffer.from('{"models": [{"capabilities": [ "method:embedContent" ], "id": "a"}]}'),
      true,
    ],
    // "completion" as a price key (most listings) says nothing: the parse is skipped.
    [
      "bare flags and a completion price",
      snap([{ id: "a", capabilities: ["tools", "vision"], pricing: { completion: "0.1" } }]),
      false,
    ],
    [
      "a price key spaced out",
      Buffer.from('{"models":[{"id":"a","pricing":{"completion" : "0.1","prompt":"0"}}]}'),
      false,
    ],
    ["bare ids", snap([{ id: "gpt-4o" }, { id: "o3" }]), false],
    // A value that happens to be a flag's name costs a parse, never a wrong answer.
    ["a model named chat", snap([{ id: "chat" }]), true],
  ])("%s", (_name, bytes, expected) => {
    expect(mayNameModality(bytes)).toBe(expected);
  });
});
