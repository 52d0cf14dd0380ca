// The one ordered severity scale every event, verdict and webhook filter uses. No zod here:
// read-only paths (the oracle's route) use the scale without loading a validator; the schema is
// in severity-schema.ts.

export const SEVERITIES = ["INFO", "LOW", "MEDIUM", "WARN", "HIGH", "CRITICAL"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Position on the scale: INFO = 0 ... CRITICAL = 5. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** True when `s` is at least `min` on the scale (for min_severity filters). */
export function atLeast(s: Severity, min: Severity): boolean {
  return severityRank(s) >= severityRank(min);
}

export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank(a) - severityRank(b);
}
