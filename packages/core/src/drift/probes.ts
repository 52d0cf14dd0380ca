// Probe sets are data: each probe names its prompt, how its answers are canonicalized, the value
// a healthy model gives, and the severity a confirmed drift on it deserves.
import { z } from "zod";
import type { Severity } from "../severity.js";
import { SeveritySchema } from "../severity-schema.js";
import { BUILTIN_PROBES } from "./builtin-probes.js";
import { PROBE_KINDS } from "./canonicalize.js";

export const ProbeKindSchema = z.enum(PROBE_KINDS);

export const ProbeSchema = z.object({
  /** Stable key in the benchmark store: lower-case letters, digits, ".", "_" and "-". */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/),
  /** 1 gross drift, 2 structured reasoning, 3 output format, 4 tool-call format. */
  tier: z.number().int().min(1).max(4),
  /** Severity of a confirmed BEHAVIOR_DRIFT on this probe; reaches webhooks unchanged. */
  severity: SeveritySchema,
  kind: ProbeKindSchema,
  /** Sent to the model exactly as written. */
  prompt: z.string().min(1),
  /** The canonical value of a correct answer. */
  expected: z.string().min(1),
});
export type Probe = z.infer<typeof ProbeSchema>;

/** Default severity of a user probe's tier when its file does not name one. */
export const TIER_SEVERITY: Readonly<Record<number, Severity>> = {
  1: "INFO",
  2: "MEDIUM",
  3: "HIGH",
  4: "CRITICAL",
};

export { BUILTIN_PROBES } from "./builtin-probes.js";

/** The built-in probe for a v1 prompt index (0..5), or undefined. */
export function builtinProbeAt(index: number): Probe | undefined {
  return BUILTIN_PROBES[index];
}
