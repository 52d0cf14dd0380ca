// User probe files: the JSON a user writes to add probes of the built-in kinds. Parsing is pure;
// callers read the file and pass its text or parsed JSON.
import { z } from "zod";
import { ExitCode, ObsError } from "../errors.js";
import { SeveritySchema } from "../severity.js";
import { REFUSAL } from "./canon-text.js";
import { canonicalJson } from "./canonical-json.js";
import { canonicalize } from "./canonicalize.js";
import { BUILTIN_PROBES, type Probe, ProbeSchema, TIER_SEVERITY } from "./probes.js";

const common = {
  id: ProbeSchema.shape.id,
  tier: ProbeSchema.shape.tier,
  /** Defaults to the tier's severity (TIER_SEVERITY). */
  severity: SeveritySchema.optional(),
  prompt: ProbeSchema.shape.prompt,
};

/** One probe as written in a file; `expected` is a correct answer, canonicalized on load. */
export const ProbeEntrySchema = z.discriminatedUnion("kind", [
  z.strictObject({ ...common, kind: z.literal("exact"), expected: z.string().min(1) }),
  z.strictObject({ ...common, kind: z.literal("tool_call"), expected: z.string().min(1) }),
  z.strictObject({
    ...common,
    kind: z.enum(["number", "fraction"]),
    expected: z.union([z.string().min(1), z.number()]),
  }),
  // A JSON value; a string is read as JSON text ('{"a":1}'), so a string answer is '"text"'.
  z.strictObject({ ...common, kind: z.literal("json"), expected: z.json() }),
]);
export type ProbeEntry = z.infer<typeof ProbeEntrySchema>;

export const ProbeFileSchema = z.strictObject({
  version: z.literal(1),
  probes: z.array(ProbeEntrySchema).min(1),
});
export type ProbeFile = z.infer<typeof ProbeFileSchema>;

export type ProbeFileResult =
  | { ok: true; probes: Probe[] }
  | { ok: false; error: ObsError; issues: string[] };

/**
 * Validate a probe file (its text, or the value JSON.parse gave) into typed probes with
 * canonical expected values. Ids must be unique and must not shadow a built-in probe.
 */
export function parseProbeFile(input: unknown): ProbeFileResult {
  let data = input;
  if (typeof input === "string") {
    try {
      data = JSON.parse(input);
    } catch (e) {
      return failure([`not valid JSON (${e instanceof Error ? e.message : String(e)})`]);
    }
  }
  const parsed = ProbeFileSchema.safeParse(data);
  if (!parsed.success) {
    return failure(parsed.error.issues.map((i) => `${pathOf(i.path)}: ${i.message}`));
  }
  const issues: string[] = [];
  const probes: Probe[] = [];
  const taken = new Set(BUILTIN_PROBES.map((p) => p.id));
  parsed.data.probes.forEach((entry, index) => {
    const at = `probes[${index}]`;
    if (taken.has(entry.id)) issues.push(`${at}.id: "${entry.id}" is already used`);
    taken.add(entry.id);
    const expected = expectedValue(entry);
    if (expected === null) {
      issues.push(`${at}.expected: not a readable ${entry.kind} answer`);
      return;
    }
    const { kind, id, tier, prompt } = entry;
    const severity = entry.severity ?? TIER_SEVERITY[tier] ?? "INFO";
    probes.push({ id, tier, severity, kind, prompt, expected });
  });
  return issues.length > 0 ? failure(issues) : { ok: true, probes };
}

/** The expected answer through the probe's own canonicalizer, so it compares like answers do. */
function expectedValue(entry: ProbeEntry): string | null {
  if (entry.kind === "json" && typeof entry.expected !== "string") {
    return canonicalJson(entry.expected);
  }
  const result = canonicalize({ kind: entry.kind }, String(entry.expected));
  return result.ok && result.value !== REFUSAL ? result.value : null;
}

function pathOf(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (acc, key) =>
        typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key),
      "",
    ) || "(file)"
  );
}

function failure(issues: string[]): ProbeFileResult {
  const shown = issues.slice(0, 10).map((i) => `  - ${i}`);
  if (issues.length > 10) shown.push(`  - ...and ${issues.length - 10} more`);
  const error = new ObsError("PROBE_FILE_INVALID", `Probe file is invalid:\n${shown.join("\n")}`, {
    hint:
      'A probe file is {"version": 1, "probes": [{"id", "tier" (1-4), "kind" ' +
      '(exact|number|fraction|json|tool_call), "prompt", "expected", optional "severity"}]}.',
    exitCode: ExitCode.USAGE,
  });
  return { ok: false, error, issues };
}
