// How serious a METADATA_CHANGED is, from the size of its price and context changes. Every
// other field change (name, capabilities, dates...) is news, not a hazard: INFO.
//
// The scale tops out at HIGH here, never CRITICAL: CRITICAL says a measurement can no longer be
// trusted (a tier-4 probe drift) and skips webhook cooldowns; a price is a bill, not a broken
// result, and a price that flaps should respect cooldowns. HIGH is where a serving swap
// (IDENTITY_CHANGED) and a broken lock sit.
import { compareSeverity, type Severity } from "../severity.js";
import type { CanonicalModel } from "./fingerprint.js";
import { DEFAULT_SEVERITY_THRESHOLDS, type SeverityThresholds } from "./severity-thresholds.js";

/** Relative slack for float division: 0.0000021 / 0.00000105 must count as exactly 2x. */
const SLACK = 1e-9;

function reached(value: number, threshold: number): boolean {
  return value >= threshold * (1 - SLACK);
}

/** Prices a rise can be measured on: finite and above zero ("-1" means variable on OpenRouter). */
function positivePrices(pricing: Record<string, string> | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, text] of Object.entries(pricing ?? {})) {
    const n = Number(text);
    if (Number.isFinite(n) && n > 0) out.set(key, n);
  }
  return out;
}

function priceSeverity(
  before: CanonicalModel,
  after: CanonicalModel,
  t: SeverityThresholds,
): Severity {
  const now = positivePrices(after.pricing);
  // Zero prices are "not reported" in the canonical form, so a model with no price at all was
  // free (or never priced); any price now is a bill that did not exist: an unbounded rise.
  if (Object.keys(before.pricing ?? {}).length === 0) return now.size > 0 ? "HIGH" : "INFO";
  const was = positivePrices(before.pricing);
  let worst: Severity = "INFO";
  for (const [key, price] of now) {
    const old = was.get(key);
    // A new line item (a cache or search price) on a model that was already paid has no size
    // to compare; providers add these to whole listings at once, so they stay INFO.
    if (old === undefined) continue;
    const ratio = price / old;
    if (reached(ratio, t.priceRiseHigh)) return "HIGH";
    if (reached(ratio, t.priceRiseWarn)) worst = "WARN";
  }
  return worst;
}

function contextSeverity(
  before: CanonicalModel,
  after: CanonicalModel,
  t: SeverityThresholds,
): Severity {
  // "Infinity" is a kept overflow; Number() reads it, and a finite window after it is a shrink.
  const was = Number(before.context_length);
  const now = Number(after.context_length);
  // Unreported on either side is not a size; a window that stopped being reported is INFO.
  if (before.context_length === undefined || after.context_length === undefined) return "INFO";
  if (Number.isNaN(was) || Number.isNaN(now) || !(now < was) || was <= 0) return "INFO";
  const lost = was === Number.POSITIVE_INFINITY ? 1 : 1 - now / was;
  return lost > 0 && reached(lost, t.contextShrinkWarn) ? "WARN" : "INFO";
}

/**
 * The severity of a METADATA_CHANGED from `before` to `after` (canonical forms of one model).
 * Defaults: a price key that rises 2x or more is WARN, 10x or more HIGH, a model with no price
 * becoming paid HIGH; any context-window shrink is WARN; price drops, smaller rises, context
 * growth and every other field stay INFO. The worst of the model's changes wins.
 */
export function metadataChangeSeverity(
  before: CanonicalModel,
  after: CanonicalModel,
  thresholds: SeverityThresholds = DEFAULT_SEVERITY_THRESHOLDS,
): Severity {
  const price = priceSeverity(before, after, thresholds);
  const context = contextSeverity(before, after, thresholds);
  return compareSeverity(price, context) >= 0 ? price : context;
}
