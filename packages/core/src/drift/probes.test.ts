import { describe, expect, it } from "vitest";
import { severityRank } from "../severity.js";
import { canonicalize } from "./canonicalize.js";
import { BUILTIN_PROBES, builtinProbeAt } from "./probes.js";

describe("built-in probes", () => {
  it("carry the spec's tier severities in prompt-index order, rising on the one scale", () => {
    expect(BUILTIN_PROBES.map((p) => [p.id, p.tier, p.severity])).toEqual([
      ["echo", 1, "INFO"],
      ["arithmetic", 1, "INFO"],
      ["sequence", 1, "LOW"],
      ["fraction", 2, "MEDIUM"],
      ["json", 3, "HIGH"],
      ["tool_call", 4, "CRITICAL"],
    ]);
    const ranks = BUILTIN_PROBES.map((p) => severityRank(p.severity));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it("expect exactly what their own canonicalizer makes of the expected value", () => {
    for (const probe of BUILTIN_PROBES) {
      expect(canonicalize(probe, probe.expected)).toEqual({ ok: true, value: probe.expected });
    }
  });

  it("are found by v1 prompt index", () => {
    expect(builtinProbeAt(5)?.id).toBe("tool_call");
    expect(builtinProbeAt(6)).toBeUndefined();
  });
});
