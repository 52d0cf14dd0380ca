import { describe, expect, it } from "vitest";
import { normalizeDecimal } from "./decimal.js";

describe("normalizeDecimal", () => {
  it.each([
    ["1e-06", "0.000001"],
    ["0.000001", "0.000001"],
    ["0.0000010", "0.000001"],
    [1e-6, "0.000001"],
    [3e-7, "0.0000003"],
    ["0.0000000833333333333333", "0.0000000833333333333333"],
    ["+2.50", "2.5"],
    ["007", "7"],
    ["128000", "128000"],
    [128000, "128000"],
    ["1.28e5", "128000"],
    ["-1", "-1"],
    ["-0", "0"],
    ["0", "0"],
    [".5", "0.5"],
    ["5.", "5"],
    [" 0.3 ", "0.3"],
  ] as const)("%s -> %s", (input, expected) => {
    expect(normalizeDecimal(input)).toBe(expected);
  });

  it("keeps every digit instead of rounding through a float", () => {
    expect(normalizeDecimal("0.1000000000000000000000000001")).toBe(
      "0.1000000000000000000000000001",
    );
  });

  it.each(["free", "", ".", "1e", "0x10", "1,5", "NaN"])("rejects %j", (input) => {
    expect(normalizeDecimal(input)).toBeNull();
  });

  it("rejects non-finite numbers", () => {
    expect(normalizeDecimal(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it("writes absurd exponents in scientific form instead of megabytes of zeros", () => {
    expect(normalizeDecimal("1.5e900")).toBe("1.5e900");
    expect(normalizeDecimal("15e899")).toBe("1.5e900");
  });
});
