import { describe, expect, it } from "vitest";
import { ObsError } from "../errors.js";
import { parseLockText, validateLockName } from "./files.js";

describe("lock names", () => {
  it.each(["exp", "exp-1", "Phase_2.run3"])("accepts %s", (n) => {
    expect(validateLockName(n)).toBe(n);
  });
  it.each(["", ".", "..", "../x", "a/b", "a\\b", ".hidden", "x".repeat(200), "a b", "é"])(
    "refuses %j before any path is built",
    (n) => {
      expect(() => validateLockName(n)).toThrow(ObsError);
    },
  );
});

describe("parseLockText", () => {
  it("tells v1 lockfiles, newer formats and junk apart", () => {
    const v1 = JSON.stringify({
      experiment_id: "old",
      created_at: "2025-06-01T12:00:00+00:00",
      provider_registry_hash: "a".repeat(64),
      model_ids_hash: "b".repeat(64),
    });
    expect(parseLockText("old", v1).kind).toBe("v1");
    expect(parseLockText("x", '{"schema":"observatory.lock/3"}')).toMatchObject({
      kind: "invalid",
      reason: expect.stringContaining("unsupported lock format"),
    });
    expect(parseLockText("x", "{nope")).toMatchObject({
      kind: "invalid",
      reason: "not valid JSON",
    });
    expect(parseLockText("x", '{"schema":"observatory.lock/2"}')).toMatchObject({
      kind: "invalid",
    });
  });
});
