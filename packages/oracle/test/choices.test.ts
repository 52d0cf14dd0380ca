// obs-oracle's entry keeps its own copy of the --prefer and --modality choices (so --help never
// loads core): it must offer exactly what the SDK accepts, in the same order.
import { MODALITIES, PREFERENCES } from "@observatory/core";
import { describe, expect, it } from "vitest";
import * as choices from "../src/cli/choices.js";

describe("obs-oracle's flag choices", () => {
  it("are the SDK's preferences and modalities", () => {
    expect(choices.PREFERENCES).toEqual(PREFERENCES);
    expect(choices.MODALITIES).toEqual(MODALITIES);
  });
});
