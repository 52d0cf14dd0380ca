// User probe files: the JSON a user writes to add probes of the built-in kinds. Parsing is pure;
// callers read the file and pass its text or parsed JSON. A file with several problems reports
// every one of them, each with its place (`probes[2].expected: ...`, or the line and column
// where the JSON stops parsing), so one edit fixes them all instead of one per run.
import { z } from "zod";
import { ExitCode, ObsError } from "../errors.js";
import { SeveritySchema } from "../severity-schema.js";
import { REFUSAL } from "./canon-text.js";
import { canonicalJson } from "./canonical-json.js";
import { canonicalize, PROBE_KINDS } from "./canonicalize.js";
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

/** The file's outer shape alone: its entries are checked one by one, so each reports its own. */
const OuterSchema = z.strictObject({
  version: z.literal(1),
  probes: z.array(z.unknown()).min(1),
});

export type ProbeFileResult =
  | { ok: true; probes: Probe[] }
  | { ok: false; error: ObsError; issues: string[] };

const REQUIRED = ["id", "tier", "kind", "prompt", "expected"] as const;

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
      return failure([jsonProblem(input, e)]);
    }
  }
  const issues: string[] = [];
  const outer = OuterSchema.safeParse(data);
  if (!outer.success) {
    if (!isObject(data)) issues.push('(file): must be an object: {"version": 1, "probes": [...]}');
    else for (const i of outer.error.issues) issues.push(describeIssue([], i, data));
  }
  const entries = isObject(data) && Array.isArray(data["probes"]) ? data["probes"] : [];
  const probes: Probe[] = [];
  const taken = new Set(BUILTIN_PROBES.map((p) => p.id));
  entries.forEach((raw: unknown, index) => {
    const at = `probes[${index}]`;
    const before = issues.length;
    // Uniqueness is checked on any readable id, so a duplicate shows up with the entry's other
    // problems rather than after they are fixed.
    const id = isObject(raw) ? raw["id"] : undefined;
    if (typeof id === "string") {
      if (taken.has(id)) issues.push(`${at}.id: "${id}" is already used`);
      taken.add(id);
    }
    const parsed = ProbeEntrySchema.safeParse(raw);
    if (!parsed.success) {
      for (const p of entryProblems(at, raw, parsed.error.issues)) issues.push(p);
      return;
    }
    const entry = parsed.data;
    const expected = expectedValue(entry);
    if (expected === null) {
      issues.push(`${at}.expected: not a readable ${entry.kind} answer`);
      return;
    }
    if (issues.length > before) return;
    const { kind, tier, prompt } = entry;
    const severity = entry.severity ?? TIER_SEVERITY[tier] ?? "INFO";
    probes.push({ id: entry.id, tier, severity, kind, prompt, expected });
  });
  return issues.length > 0 ? failure(issues) : { ok: true, probes };
}

/** The problems of one entry, worded for a person editing the file. */
function entryProblems(at: string, raw: unknown, zodIssues: readonly z.core.$ZodIssue[]): string[] {
  if (!isObject(raw)) return [`${at}: must be an object with ${REQUIRED.join(", ")}`];
  const out: string[] = [];
  // A missing or unknown kind hides every other check in zod's union: say so, then check the
  // fields every kind shares, so the entry's other problems are reported in the same run.
  const kind = raw["kind"];
  if (!(PROBE_KINDS as readonly unknown[]).includes(kind)) {
    out.push(
      kind === undefined
        ? `${at}.kind: required (one of ${PROBE_KINDS.join(", ")})`
        : `${at}.kind: must be one of ${PROBE_KINDS.join(", ")}, got ${JSON.stringify(kind)}`,
    );
    const rest = z
      .strictObject({ ...common, kind: z.unknown(), expected: z.unknown() })
      .safeParse(raw);
    if (!rest.success) for (const i of rest.error.issues) out.push(describeIssue([at], i, raw));
    return out;
  }
  for (const i of zodIssues) out.push(describeIssue([at], i, raw));
  return out;
}

function describeIssue(
  prefix: readonly string[],
  issue: z.core.$ZodIssue,
  raw?: Record<string, unknown>,
): string {
  if (issue.code === "unrecognized_keys") {
    const top = prefix.length === 0 && issue.path.length === 0;
    return issue.keys
      .map(
        (k) =>
          `${placeOf(prefix, [...issue.path, k])}: unknown field (allowed: ${top ? "version, probes" : `${REQUIRED.join(", ")}, severity`})`,
      )
      .join("\n");
  }
  const place = placeOf(prefix, issue.path);
  const field = issue.path.at(-1);
  const value = raw && typeof field === "string" ? raw[field] : undefined;
  if (issue.path.length === 1 && raw && value === undefined && typeof field === "string")
    return `${place}: required`;
  if (field === "id" && issue.code === "invalid_format")
    return `${place}: must be lower-case letters, digits, ".", "_" or "-" (at most 64, starting with a letter or digit), got ${JSON.stringify(value)}`;
  if (field === "tier" && prefix.length > 0)
    return `${place}: must be a whole number from 1 to 4, got ${JSON.stringify(value)}`;
  if (field === "version" && prefix.length === 0)
    return `${place}: must be 1 (the only probe file format), got ${JSON.stringify(value)}`;
  if (field === "probes" && issue.code === "too_small")
    return `${place}: must list at least one probe`;
  if (field === "probes") return `${place}: must be an array of probes`;
  if (issue.code === "too_small" && issue.origin === "string") return `${place}: must not be empty`;
  if (field === "severity")
    return `${place}: must be one of ${SeveritySchema.options.join(", ")}, got ${JSON.stringify(value)}`;
  if (field === "expected" && issue.code === "invalid_union")
    return `${place}: not a valid expected answer for this kind`;
  return `${place}: ${issue.message}`;
}

function placeOf(prefix: readonly string[], path: readonly PropertyKey[]): string {
  const parts = [...prefix];
  let out = parts.join(".");
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out = out ? `${out}.${String(key)}` : String(key);
  }
  return out || "(file)";
}

/** Where JSON.parse stopped, as a line and column a person can find in an editor. */
function jsonProblem(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const m = /at position (\d+)/.exec(message);
  // Node 20 says "at position N"; newer engines add "(line L column C)": one place, ours.
  const what = message
    .replace(/\s*\(line \d+ column \d+\)/, "")
    .replace(/ in JSON at position \d+/, "");
  if (!m) return `(file): not valid JSON: ${what}`;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  const column = pos - before.lastIndexOf("\n");
  return `line ${line}, column ${column}: not valid JSON: ${what}`;
}

/** The expected answer through the probe's own canonicalizer, so it compares like answers do. */
function expectedValue(entry: ProbeEntry): string | null {
  if (entry.kind === "json" && typeof entry.expected !== "string") {
    return canonicalJson(entry.expected);
  }
  const result = canonicalize({ kind: entry.kind }, String(entry.expected));
  return result.ok && result.value !== REFUSAL ? result.value : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function failure(issues: string[]): ProbeFileResult {
  // Every problem, one a line: a file is fixed in one pass, not one error per run.
  const lines = issues.flatMap((i) => i.split("\n"));
  const count = lines.length === 1 ? "1 problem" : `${lines.length} problems`;
  const error = new ObsError(
    "PROBE_FILE_INVALID",
    `probe file is invalid (${count}):\n${lines.map((l) => `  - ${l}`).join("\n")}`,
    {
      hint:
        'a probe file is {"version": 1, "probes": [{"id", "tier" (1-4), "kind" ' +
        '(exact|number|fraction|json|tool_call), "prompt", "expected", optional "severity"}]} (docs/probes.md)',
      exitCode: ExitCode.USAGE,
    },
  );
  return { ok: false, error, issues: lines };
}
