// Token counts as the dashboard shows them: three significant digits and a unit, the same rule
// for every size. A 200,000-token context once read "2k".
import { describe, expect, it } from "vitest";
import { formatTokens } from "../src/panels/format.js";

describe("formatTokens", () => {
  it.each([
    [null, "-"],
    [0, "0"],
    [999, "999"],
    [1000, "1k"],
    [1500, "1.5k"],
    [4096, "4.1k"],
    [8192, "8.19k"],
    [32_768, "32.8k"],
    [100_000, "100k"],
    [128_000, "128k"],
    [131_072, "131k"],
    [200_000, "200k"],
    [999_499, "999k"],
    [999_999, "1M"],
    [1_000_000, "1M"],
    [1_048_576, "1.05M"],
    [2_000_000, "2M"],
    [10_000_000, "10M"],
    [1_000_000_000, "1B"],
  ])("%s tokens read %s", (n, shown) => {
    expect(formatTokens(n)).toBe(shown);
  });
});
