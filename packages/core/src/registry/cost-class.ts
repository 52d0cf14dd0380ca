// Cost class from the prompt price, in USD per million tokens: free, low (< 0.5), mid (< 3),
// high (< 15), premium. The v1 code applied these thresholds per thousand tokens, which puts
// every real model in "low"; per million they separate, e.g., a mini model, GPT-4o-class,
// Sonnet-class and Opus-class prices. A classification, so a float is fine here (fingerprints
// use exact decimals).
import { normalizeDecimal } from "../drift/decimal.js";
import type { ModelRecord } from "../model.js";
import type { CostClass } from "./schema.js";

const PROMPT_KEYS = ["prompt", "input"];

export function costClass(model: ModelRecord): CostClass | null {
  const pricing = model.pricing;
  if (!pricing) return null;
  const key = PROMPT_KEYS.find((k) => pricing[k] !== undefined);
  if (key === undefined) return null;
  const exact = normalizeDecimal(pricing[key]!);
  // Shift the decimal point in the spelling, not by float multiplication: 0.000003 is exactly 3.
  const perMillion = exact === null ? Number.NaN : Number(`${exact}e6`);
  if (!Number.isFinite(perMillion) || perMillion < 0) return null;
  if (perMillion === 0) return "free";
  if (perMillion < 0.5) return "low";
  if (perMillion < 3) return "mid";
  if (perMillion < 15) return "high";
  return "premium";
}
