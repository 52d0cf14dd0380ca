// The one ordered severity scale every event, verdict and webhook filter uses.
import { z } from "zod";

export const SEVERITIES = ["INFO", "LOW", "MEDIUM", "WARN", "HIGH", "CRITICAL"] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

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
