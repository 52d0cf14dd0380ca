import { mergeConfig } from "vitest/config";
import { shared } from "../../vitest.shared.ts";

// One real state (built by the real writers) shared read-only by every test file.
export default mergeConfig(
  shared({ include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"] }),
  { test: { globalSetup: ["test/global-setup.ts"] } },
);
