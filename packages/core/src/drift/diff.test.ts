import { describe, expect, it } from "vitest";
import type { ModelRecord } from "../model.js";
import { diffModels, formatFieldChange } from "./diff.js";

const before: ModelRecord = {
  id: "anthropic/claude-sonnet-4.5",
  name: "Claude Sonnet 4.5",
  context_length: 200000,
  pricing: { prompt: "0.000003", completion: "0.000015" },
  capabilities: ["tools", "json_mode"],
};

describe("diffModels", () => {
  it("reports a price change with normalised values", () => {
    const after = { ...before, pricing: { prompt: 2e-6, completion: "1.5e-5" } };
    expect(diffModels(before, after)).toEqual([
      { path: "pricing.prompt", before: "0.000003", after: "0.000002" },
    ]);
  });

  it("reports nothing for a re-spelled record", () => {
    const respelled = {
      ...before,
      pricing: { completion: 0.000015, prompt: "3e-6" },
      capabilities: ["json_mode", "tools", "tools"],
    };
    expect(diffModels(before, respelled)).toEqual([]);
  });

  it("reports each added and removed capability and each field, sorted by path", () => {
    const after: ModelRecord = {
      ...before,
      name: undefined,
      context_length: 1000000,
      capabilities: ["tools", "vision"],
      pricing: { ...before.pricing, input_cache_read: "0.0000003" },
      deprecation_date: "2026-01-01",
    };
    expect(diffModels(before, after).map(formatFieldChange)).toEqual([
      "capabilities: -json_mode",
      "capabilities: +vision",
      "context_length: 200000 -> 1000000",
      "deprecation_date: (none) -> 2026-01-01",
      "name: Claude Sonnet 4.5 -> (none)",
      "pricing.input_cache_read: (none) -> 0.0000003",
    ]);
  });

  it("formats the issue's example", () => {
    expect(
      formatFieldChange({ path: "pricing.prompt", before: "0.000003", after: "0.000002" }),
    ).toBe("pricing.prompt: 0.000003 -> 0.000002");
  });
});
