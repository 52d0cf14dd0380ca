import { describe, expect, it } from "vitest";
import { lockOptions, WAIT_FOREVER_MS } from "./lock-options.js";

describe("lockOptions", () => {
  it("skips by default, waits as long as it takes for a bare --wait, and SECONDS otherwise", () => {
    expect(lockOptions(undefined, {})).toEqual({});
    expect(lockOptions("", {})).toEqual({ waitMs: WAIT_FOREVER_MS });
    expect(lockOptions("2.5", {})).toEqual({ waitMs: 2_500 });
    // What yargs gives an untyped flag: true when bare, a number for --wait=30.
    expect(lockOptions(true, {})).toEqual({ waitMs: WAIT_FOREVER_MS });
    expect(lockOptions(30, {})).toEqual({ waitMs: 30_000 });
    expect(lockOptions(false, {})).toEqual({});
  });

  it.each(["soon", "-5", "1e3", " "])("--wait=%j is a usage error", (v) => {
    expect(() => lockOptions(v, {})).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it("OBS_LOCK_STALE_MS must be whole milliseconds of at least 2000", () => {
    expect(lockOptions(undefined, { OBS_LOCK_STALE_MS: "4000" })).toEqual({ staleMs: 4_000 });
    for (const bad of ["abc", "500", "2.5e3x"])
      expect(() => lockOptions(undefined, { OBS_LOCK_STALE_MS: bad })).toThrow(
        expect.objectContaining({ code: "BAD_ENV", exitCode: 2 }),
      );
  });
});
