// Probe sets are data: each probe names its prompt, how its answers are canonicalized, the value
// a healthy model gives, and the severity a confirmed drift on it deserves.
import { z } from "zod";
import { type Severity, SeveritySchema } from "../severity.js";
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

/**
 * The six built-in probes of the spec, in prompt-index order (index 0..5 is how v1 state names
 * them). Severities INFO, INFO, LOW, MEDIUM, HIGH, CRITICAL: the sequence prompt is tier 1 but
 * LOW, because getting Fibonacci wrong is a bigger change than a re-worded "OK".
 */
export const BUILTIN_PROBES: readonly Probe[] = [
  {
    id: "echo",
    tier: 1,
    severity: "INFO",
    kind: "exact",
    prompt: "Return exactly: OK",
    expected: "ok",
  },
  { id: "arithmetic", tier: 1, severity: "INFO", kind: "number", prompt: "2+2=?", expected: "4" },
  {
    id: "sequence",
    tier: 1,
    severity: "LOW",
    kind: "number",
    prompt: "Complete this sequence: 1, 1, 2, 3, 5, __",
    expected: "8",
  },
  {
    id: "fraction",
    tier: 2,
    severity: "MEDIUM",
    kind: "fraction",
    prompt:
      "A box contains 3 red balls and 2 blue balls. You draw 2 without replacement. " +
      "What is P(both red)? Reply with ONLY the fraction, nothing else.",
    expected: "3/10",
  },
  {
    id: "json",
    tier: 3,
    severity: "HIGH",
    kind: "json",
    prompt:
      'Output exactly this JSON, no explanation: {"name":"test","values":[1,2,3],"nested":{"ok":true}}',
    expected: '{"name":"test","nested":{"ok":true},"values":[1,2,3]}',
  },
  {
    id: "tool_call",
    tier: 4,
    severity: "CRITICAL",
    kind: "tool_call",
    prompt:
      "You have a function: get_weather(city: str, units: str). " +
      "Call it for Tokyo in celsius. Reply ONLY with the function call in this format: " +
      'get_weather(city="Tokyo", units="celsius")',
    expected: 'get_weather(city="Tokyo",units="celsius")',
  },
];

/** The built-in probe for a v1 prompt index (0..5), or undefined. */
export function builtinProbeAt(index: number): Probe | undefined {
  return BUILTIN_PROBES[index];
}
