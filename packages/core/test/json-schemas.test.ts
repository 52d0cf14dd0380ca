import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contractJsonSchemas } from "../src/schema/json-schemas.js";

describe("committed JSON Schema", () => {
  it.each(Object.entries(contractJsonSchemas()))(
    "docs/schemas/%s matches the zod schema (run `pnpm gen:schemas`)",
    async (name, text) => {
      const committed = await readFile(
        join(import.meta.dirname, "..", "..", "..", "docs", "schemas", name),
        "utf8",
      ).catch(() => "(missing)");
      expect(committed).toBe(text);
    },
  );
});
