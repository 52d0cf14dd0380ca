import { describe, expect, it } from "vitest";
import { listingWarnings } from "./listing-warnings.js";

const listing = (warnings: unknown) =>
  ({ provider: "openai", models: [], pages: 1, skipped: 0, warnings }) as never;

describe("listingWarnings", () => {
  it("reads the providers package's {code, message, model_id}", () => {
    expect(
      listingWarnings(listing([{ code: "DUPLICATE_ID", message: "twice", model_id: "a" }])),
    ).toEqual([{ kind: "DUPLICATE_ID", model_id: "a", message: "twice" }]);
  });
  it("no warnings field, or junk in it, is no warning and no crash", () => {
    expect(listingWarnings(listing(undefined))).toEqual([]);
    expect(listingWarnings(listing([null, 3]))).toEqual([]);
  });
});
