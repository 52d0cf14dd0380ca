import { describe, expect, it } from "vitest";
import { validateEpochId } from "./target.js";

describe("validateEpochId", () => {
  it("passes an epoch id and refuses anything that would be a path (usage error, exit 2)", () => {
    expect(validateEpochId("20261121T052029.123Z-0000")).toBe("20261121T052029.123Z-0000");
    for (const bad of ["../../x", "a/b", "/etc/passwd", "..", "20261121T052029.123Z-0000/..", ""])
      expect(() => validateEpochId(bad)).toThrow(
        expect.objectContaining({ code: "BAD_EPOCH_ID", exitCode: 2 }),
      );
  });
});
