// The built-in probe set as plain data (no zod, nothing of the canonicalizers), so that a reader
// needing only their severities (the oracle) loads nothing else. probes.ts has the schema.
import type { Probe } from "./probes.js";

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
