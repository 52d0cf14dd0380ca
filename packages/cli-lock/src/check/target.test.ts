import { describe, expect, it } from "vitest";
import { parseStdin, validateEpochId } from "./target.js";

const committed = (id: string) =>
  JSON.stringify({
    type: "EPOCH_COMMITTED",
    epoch_id: id,
    manifest_hash: "a".repeat(64),
    tool: "obs-poll",
    providers: { openai: "fresh" },
    events: 3,
  });

describe("parseStdin", () => {
  it("takes the last EPOCH_COMMITTED record of obs-poll's NDJSON, ignoring the events", () => {
    const text = [
      '{"v":2,"type":"MODEL_ADDED"}',
      committed("20261121T050001.000Z-0000"),
      "not json",
      committed("20261121T050002.000Z-0000"),
      "",
    ].join("\n");
    expect(parseStdin(text)).toMatchObject({
      record: { epoch_id: "20261121T050002.000Z-0000" },
      garbage: 1,
      lines: 4,
    });
  });

  it("finds nothing in empty input or output without a commit", () => {
    expect(parseStdin("").record).toBeNull();
    expect(parseStdin('{"type":"EPOCH_COMMITTED","epoch_id":"latest"}\n').record).toBeNull();
  });
});

describe("validateEpochId", () => {
  it("passes an epoch id and refuses anything that would be a path (usage error, exit 2)", () => {
    expect(validateEpochId("20261121T052029.123Z-0000")).toBe("20261121T052029.123Z-0000");
    for (const bad of ["../../x", "a/b", "/etc/passwd", "..", "20261121T052029.123Z-0000/..", ""])
      expect(() => validateEpochId(bad)).toThrow(
        expect.objectContaining({ code: "BAD_EPOCH_ID", exitCode: 2 }),
      );
  });
});
