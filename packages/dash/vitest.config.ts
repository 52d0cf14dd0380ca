import { shared } from "../../vitest.shared.ts";

export default shared({ include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"] });
