// Shared vitest defaults: every package's vitest.config.ts is `export default shared()`.
import { defineConfig } from "vitest/config";

export function shared(overrides: { testTimeout?: number; include?: string[] } = {}) {
  return defineConfig({
    test: {
      include: overrides.include ?? ["src/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: overrides.testTimeout ?? 20_000,
      hookTimeout: 30_000,
      pool: "forks",
    },
  });
}
