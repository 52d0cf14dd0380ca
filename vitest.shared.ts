// Shared vitest defaults: every package's vitest.config.ts is `export default shared()`.
import { defineConfig } from "vitest/config";

export function shared(overrides: { testTimeout?: number; include?: string[] } = {}) {
  return defineConfig({
    test: {
      include: overrides.include ?? ["src/**/*.test.ts", "test/**/*.test.ts"],
      // End-to-end tests spawn several bins; on a busy 2-core CI machine one can take 10 s or more.
      testTimeout: overrides.testTimeout ?? 60_000,
      hookTimeout: 30_000,
      pool: "forks",
    },
  });
}
