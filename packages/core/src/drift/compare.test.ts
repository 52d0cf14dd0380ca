import { describe, expect, it } from "vitest";
import type { ModelRecord } from "../model.js";
import { compareSnapshots } from "./compare.js";
import { FINGERPRINT_SCHEME, LEGACY_FINGERPRINT_SCHEME } from "./fingerprint.js";

const gpt: ModelRecord = { id: "gpt-4o", context_length: 128000, pricing: { prompt: "0.0000025" } };
const mini: ModelRecord = { id: "gpt-4o-mini", context_length: 128000 };
const o3: ModelRecord = { id: "o3", context_length: 200000 };
const now = (models: ModelRecord[]) => ({ scheme: FINGERPRINT_SCHEME, models });

describe("compareSnapshots", () => {
  it("finds nothing when only order and spelling changed", () => {
    const respelled = { ...gpt, pricing: { prompt: 2.5e-6 } };
    expect(compareSnapshots(now([gpt, mini, o3]), now([o3, respelled, mini]))).toEqual({
      rebaseline: false,
      added: [],
      removed: [],
      changed: [],
    });
  });

  it("reports additions, removals and field-level changes", () => {
    const cheaper = { ...gpt, pricing: { prompt: "0.000002" } };
    const result = compareSnapshots(now([gpt, mini]), now([cheaper, o3]));
    expect(result.rebaseline).toBe(false);
    if (result.rebaseline) return;
    expect(result.added).toEqual(["o3"]);
    expect(result.removed).toEqual(["gpt-4o-mini"]);
    expect(result.changed).toHaveLength(1);
    expect(result.changed[0]?.id).toBe("gpt-4o");
    expect(result.changed[0]?.before).not.toBe(result.changed[0]?.after);
    expect(result.changed[0]?.changes).toEqual([
      { path: "pricing.prompt", before: "0.0000025", after: "0.000002" },
    ]);
  });

  it("turns a scheme change into one rebaseline with a count, not a change per model", () => {
    const legacy = {
      scheme: LEGACY_FINGERPRINT_SCHEME,
      models: [{ id: "gpt-4o" }, { id: "gpt-4o-mini" }],
    };
    expect(compareSnapshots(legacy, now([gpt, mini, o3, o3]))).toEqual({
      rebaseline: true,
      fromScheme: LEGACY_FINGERPRINT_SCHEME,
      toScheme: FINGERPRINT_SCHEME,
      count: 3,
      added: ["o3"],
      removed: [],
    });
  });
});
