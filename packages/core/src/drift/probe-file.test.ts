import { describe, expect, it } from "vitest";
import { ExitCode } from "../errors.js";
import { canonicalize } from "./canonicalize.js";
import { parseProbeFile } from "./probe-file.js";

const valid = {
  version: 1,
  probes: [
    {
      id: "capital",
      tier: 1,
      kind: "exact",
      prompt: "Capital of France? One word.",
      expected: "Paris.",
    },
    {
      id: "half",
      tier: 2,
      kind: "fraction",
      prompt: "Half of one, as a fraction?",
      expected: "2/4",
    },
    { id: "answer", tier: 1, kind: "number", prompt: "6*7=?", expected: 42, severity: "LOW" },
    {
      id: "shape",
      tier: 3,
      kind: "json",
      prompt: 'Output {"b":1,"a":2}',
      expected: { b: 1, a: 2 },
    },
    { id: "shape-text", tier: 3, kind: "json", prompt: "Output [1, 2]", expected: "[1, 2]" },
    {
      id: "lookup",
      tier: 4,
      kind: "tool_call",
      prompt: "Call lookup for 7",
      expected: "lookup(id='7')",
    },
  ],
};

describe("parseProbeFile", () => {
  it("turns expected answers into canonical values and tiers into severities", () => {
    const result = parseProbeFile(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.probes.map((p) => [p.id, p.expected, p.severity])).toEqual([
      ["capital", "paris", "INFO"],
      ["half", "1/2", "MEDIUM"],
      ["answer", "42", "LOW"],
      ["shape", '{"a":2,"b":1}', "HIGH"],
      ["shape-text", "[1,2]", "HIGH"],
      ["lookup", 'lookup(id="7")', "CRITICAL"],
    ]);
  });

  it("makes user probes compare answers like built-ins do", () => {
    const result = parseProbeFile(JSON.stringify(valid));
    if (!result.ok) throw result.error;
    const lookup = result.probes.find((p) => p.id === "lookup")!;
    expect(canonicalize(lookup, 'Sure: lookup(id="7")')).toEqual({
      ok: true,
      value: lookup.expected,
    });
    const half = result.probes.find((p) => p.id === "half")!;
    expect(canonicalize(half, "0.5")).toEqual({ ok: true, value: half.expected });
  });

  it.each([
    ["broken JSON", "{ version: 1", /not valid JSON/],
    ["a wrong version", { ...valid, version: 2 }, /version/],
    ["no probes", { version: 1, probes: [] }, /probes/],
    [
      "an unknown kind",
      { version: 1, probes: [{ ...valid.probes[0], kind: "regex" }] },
      /probes\[0\]/,
    ],
    [
      "a tier out of range",
      { version: 1, probes: [{ ...valid.probes[0], tier: 5 }] },
      /probes\[0\]\.tier/,
    ],
    ["a misspelt field", { version: 1, probes: [{ ...valid.probes[0], expeted: "x" }] }, /expeted/],
    [
      "a bad id",
      { version: 1, probes: [{ ...valid.probes[0], id: "Has Spaces" }] },
      /probes\[0\]\.id/,
    ],
    [
      "a built-in id",
      { version: 1, probes: [{ ...valid.probes[0], id: "echo" }] },
      /"echo" is already used/,
    ],
    [
      "a repeated id",
      { version: 1, probes: [valid.probes[0], valid.probes[0]] },
      /probes\[1\]\.id/,
    ],
    [
      "an unreadable expected number",
      { version: 1, probes: [{ ...valid.probes[2], expected: "lots" }] },
      /probes\[0\]\.expected/,
    ],
    [
      "an unreadable expected call",
      { version: 1, probes: [{ ...valid.probes[5], expected: "just call it" }] },
      /probes\[0\]\.expected/,
    ],
  ])("rejects %s with PROBE_FILE_INVALID", (_label, input, message) => {
    const result = parseProbeFile(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("PROBE_FILE_INVALID");
    expect(result.error.exitCode).toBe(ExitCode.USAGE);
    expect(result.error.hint).toContain("version");
    expect(result.error.message).toMatch(message);
  });
});

describe("parseProbeFile with several problems", () => {
  it("reports every problem, each at its place, in one run", () => {
    const result = parseProbeFile({
      version: 2,
      probes: [
        valid.probes[0],
        { ...valid.probes[2], tier: 7 },
        { ...valid.probes[2], id: "capital", expected: "lots" },
        { ...valid.probes[0], id: "other", kind: "regex", extra: true },
        "not an object",
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      "version: must be 1 (the only probe file format), got 2",
      "probes[1].tier: must be a whole number from 1 to 4, got 7",
      'probes[2].id: "capital" is already used',
      "probes[2].expected: not a readable number answer",
      'probes[3].kind: must be one of exact, number, fraction, json, tool_call, got "regex"',
      "probes[3].extra: unknown field (allowed: id, tier, kind, prompt, expected, severity)",
      "probes[4]: must be an object with id, tier, kind, prompt, expected",
    ]);
    // The error a command line prints lists them all, one a line.
    expect(result.error.message.split("\n")).toHaveLength(1 + 7);
    expect(result.error.message).toContain("(7 problems)");
  });

  it("names the missing fields of an entry", () => {
    const result = parseProbeFile({ version: 1, probes: [{ id: "x", kind: "exact" }] });
    expect(!result.ok && result.issues).toEqual([
      "probes[0].tier: required",
      "probes[0].prompt: required",
      "probes[0].expected: required",
    ]);
  });

  it("gives the line and column where the JSON stops parsing", () => {
    const text = '{\n  "version": 1,\n  "probes": [\n    { "id": "a", }\n  ]\n}\n';
    const result = parseProbeFile(text);
    expect(!result.ok && result.issues).toEqual([
      expect.stringMatching(/^line 4, column 18: not valid JSON: /),
    ]);
  });
});
