import { describe, expect, it } from "vitest";
import { isObsError } from "../errors.js";
import type { ModelRecord } from "../model.js";
import type { Severity } from "../severity.js";
import { metadataChangeSeverity } from "./change-severity.js";
import { compareSnapshots } from "./compare.js";
import { canonicalModel, FINGERPRINT_SCHEME } from "./fingerprint.js";
import {
  DEFAULT_SEVERITY_THRESHOLDS,
  resolveSeverityThresholds,
  type SeverityThresholds,
  SeverityThresholdsSchema,
} from "./severity-thresholds.js";

type Fields = Omit<ModelRecord, "id">;
const grade = (before: Fields, after: Fields, t?: SeverityThresholds): Severity =>
  metadataChangeSeverity(
    canonicalModel({ id: "m", ...before }),
    canonicalModel({ id: "m", ...after }),
    t,
  );
const price = (prompt: string, completion?: string): Fields => ({
  pricing: completion === undefined ? { prompt } : { prompt, completion },
});

describe("metadataChangeSeverity at the default thresholds", () => {
  const table: [string, Fields, Fields, Severity][] = [
    ["8x price rise (the issue's case)", price("0.000001"), price("0.000008"), "WARN"],
    ["exactly 2x", price("0.0000025"), price("0.000005"), "WARN"],
    ["2x through float rounding", price("0.00000105"), price("0.0000021"), "WARN"],
    ["just under 2x", price("0.000001"), price("0.00000199"), "INFO"],
    ["small rise (+20%)", price("0.000001"), price("0.0000012"), "INFO"],
    ["exactly 10x", price("0.000001"), price("0.00001"), "HIGH"],
    ["50x", price("0.000001"), price("0.00005"), "HIGH"],
    ["price drop", price("0.000008"), price("0.000001"), "INFO"],
    ["paid to free", price("0.000008"), price("0"), "INFO"],
    ["free (zero) to paid", price("0", "0"), price("0.000001", "0.000002"), "HIGH"],
    ["unpriced to paid", {}, price("0.000001"), "HIGH"],
    ["free to free, re-spelled", price("0"), price("0.0"), "INFO"],
    [
      "one key rises 3x, another drops",
      price("0.000001", "0.00001"),
      price("0.000003", "0.000001"),
      "WARN",
    ],
    ["new line item on a paid model", price("0.000001"), price("0.000001", "0.000009"), "INFO"],
    ["variable (-1) to priced", price("-1"), price("0.00001"), "INFO"],
    ["numeric spellings compare as numbers", { pricing: { prompt: 1e-6 } }, price("3e-6"), "WARN"],
    ["context shrink by one token", { context_length: 128000 }, { context_length: 127999 }, "WARN"],
    ["context halved", { context_length: 200000 }, { context_length: 100000 }, "WARN"],
    ["context growth", { context_length: 128000 }, { context_length: 1000000 }, "INFO"],
    ["context no longer reported", { context_length: 128000 }, {}, "INFO"],
    ["context first reported", {}, { context_length: 8192 }, "INFO"],
    [
      "an overflowed window becomes finite",
      { context_length_decimal: "Infinity" },
      { context_length: 8192 },
      "WARN",
    ],
    [
      "max_output_tokens shrink is not the context",
      { max_output_tokens: 8192 },
      { max_output_tokens: 4096 },
      "INFO",
    ],
    ["a rename", { name: "A" }, { name: "B" }, "INFO"],
    ["a capability lost", { capabilities: ["tools"] }, {}, "INFO"],
    [
      "worst change wins: HIGH price and a context shrink",
      { context_length: 128000, ...price("0.000001") },
      { context_length: 64000, ...price("0.00002") },
      "HIGH",
    ],
  ];
  it.each(table)("%s -> %s", (_name, before, after, expected) => {
    expect(grade(before, after)).toBe(expected);
  });
});

describe("metadataChangeSeverity with custom thresholds", () => {
  const t = (over: Partial<SeverityThresholds>) => ({ ...DEFAULT_SEVERITY_THRESHOLDS, ...over });
  it("a higher WARN factor lets an 8x rise stay INFO; a lower one catches +50%", () => {
    expect(grade(price("0.000001"), price("0.000008"), t({ priceRiseWarn: 9 }))).toBe("INFO");
    expect(grade(price("0.000001"), price("0.0000015"), t({ priceRiseWarn: 1.5 }))).toBe("WARN");
  });
  it("the HIGH factor moves where WARN ends", () => {
    expect(grade(price("0.000001"), price("0.000008"), t({ priceRiseHigh: 8 }))).toBe("HIGH");
    expect(grade(price("0.000001"), price("0.00002"), t({ priceRiseHigh: 50 }))).toBe("WARN");
  });
  it("a context threshold ignores small shrinks and still warns on large ones", () => {
    const half = t({ contextShrinkWarn: 0.5 });
    expect(grade({ context_length: 128000 }, { context_length: 100000 }, half)).toBe("INFO");
    expect(grade({ context_length: 128000 }, { context_length: 64000 }, half)).toBe("WARN");
  });
});

describe("compareSnapshots grades each changed model", () => {
  it("uses the defaults, or the thresholds it is given", () => {
    const snap = (prompt: string) => ({
      scheme: FINGERPRINT_SCHEME,
      models: [{ id: "gpt", pricing: { prompt } }],
    });
    const severity = (options?: Parameters<typeof compareSnapshots>[2]) => {
      const c = compareSnapshots(snap("0.000001"), snap("0.000008"), options);
      return c.rebaseline ? null : c.changed.map((m) => m.severity);
    };
    expect(severity()).toEqual(["WARN"]);
    expect(severity({ severity: { ...DEFAULT_SEVERITY_THRESHOLDS, priceRiseHigh: 4 } })).toEqual([
      "HIGH",
    ]);
  });
});

describe("resolveSeverityThresholds", () => {
  const usage = (
    fn: () => unknown,
  ): { message: string; hint: string | undefined; exitCode: number } => {
    try {
      fn();
    } catch (e) {
      if (isObsError(e)) return { message: e.message, hint: e.hint, exitCode: e.exitCode };
      throw e;
    }
    throw new Error("expected a usage error");
  };

  it("defaults when nothing is set (an empty variable counts as unset)", () => {
    expect(resolveSeverityThresholds(undefined, {})).toEqual(DEFAULT_SEVERITY_THRESHOLDS);
    expect(resolveSeverityThresholds(undefined, { OBS_SEVERITY_PRICE_RISE: " " })).toEqual(
      DEFAULT_SEVERITY_THRESHOLDS,
    );
  });

  it("reads each OBS_SEVERITY_* variable; explicit options win over the environment", () => {
    const env = {
      OBS_SEVERITY_PRICE_RISE: "3",
      OBS_SEVERITY_PRICE_RISE_HIGH: "25.5",
      OBS_SEVERITY_CONTEXT_SHRINK: "0.25",
    };
    expect(resolveSeverityThresholds(undefined, env)).toEqual({
      priceRiseWarn: 3,
      priceRiseHigh: 25.5,
      contextShrinkWarn: 0.25,
    });
    expect(resolveSeverityThresholds({ priceRiseWarn: 1.5 }, env).priceRiseWarn).toBe(1.5);
  });

  it.each([
    [
      "OBS_SEVERITY_PRICE_RISE",
      "abc",
      /OBS_SEVERITY_PRICE_RISE must be a factor greater than 1.*got "abc"/,
    ],
    ["OBS_SEVERITY_PRICE_RISE", "1", /greater than 1/],
    ["OBS_SEVERITY_PRICE_RISE", "-2", /got "-2"/],
    ["OBS_SEVERITY_PRICE_RISE", "2x", /got "2x"/],
    ["OBS_SEVERITY_PRICE_RISE", "Infinity", /got "Infinity"/],
    ["OBS_SEVERITY_PRICE_RISE_HIGH", "0x10", /OBS_SEVERITY_PRICE_RISE_HIGH must be/],
    ["OBS_SEVERITY_CONTEXT_SHRINK", "1", /OBS_SEVERITY_CONTEXT_SHRINK must be a fraction.*got "1"/],
    ["OBS_SEVERITY_CONTEXT_SHRINK", "50%", /got "50%"/],
  ])("%s=%s is a usage error (exit 2) saying what is allowed", (variable, value, message) => {
    const e = usage(() => resolveSeverityThresholds(undefined, { [variable]: value }));
    expect(e.message).toMatch(message);
    expect(e.hint).toMatch(new RegExp(`e\\.g\\. ${variable}=\\d.*unset it for the default`));
    expect(e.exitCode).toBe(2);
  });

  it("a HIGH factor below the WARN one is a usage error naming both", () => {
    const e = usage(() =>
      resolveSeverityThresholds(undefined, {
        OBS_SEVERITY_PRICE_RISE: "5",
        OBS_SEVERITY_PRICE_RISE_HIGH: "3",
      }),
    );
    expect(e.message).toBe(
      "the HIGH price-rise factor (3, OBS_SEVERITY_PRICE_RISE_HIGH) is below the WARN one (5, OBS_SEVERITY_PRICE_RISE)",
    );
    expect(e.exitCode).toBe(2);
    // Against the default HIGH factor too.
    expect(
      usage(() => resolveSeverityThresholds(undefined, { OBS_SEVERITY_PRICE_RISE: "12" })).message,
    ).toMatch(/\(10, the default\) is below the WARN one \(12, OBS_SEVERITY_PRICE_RISE\)/);
  });

  it("a bad explicit option is refused too, by its name", () => {
    expect(usage(() => resolveSeverityThresholds({ contextShrinkWarn: -0.1 }, {})).message).toMatch(
      /^contextShrinkWarn must be a fraction/,
    );
  });

  it("the config-file schema takes a partial set and refuses what the environment refuses", () => {
    expect(SeverityThresholdsSchema.parse({ priceRiseWarn: 3 })).toEqual({ priceRiseWarn: 3 });
    expect(SeverityThresholdsSchema.safeParse({ priceRiseWarn: 1 }).success).toBe(false);
    expect(SeverityThresholdsSchema.safeParse({ contextShrinkWarn: 1 }).success).toBe(false);
    expect(SeverityThresholdsSchema.safeParse({ priceRise: 3 }).success).toBe(false);
  });
});
