// The JSON Schema of every record a bin prints is committed in docs/schemas/records/, generated
// from the zod schemas the packages print with. This fails when the two drift apart (run
// `pnpm gen:schemas`), and when a schema file is left for a record no bin prints any more.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { printedRecords, schemaFile, schemaFileName } from "../../src/_support/printed-records.js";

const dir = join(import.meta.dirname, "..", "..", "..", "..", "docs", "schemas", "records");
const records = [...printedRecords().values()];

describe("printed record schemas", () => {
  it.each(records.map((r) => [r.type, r] as const))(
    "docs/schemas/records has %s as its zod schema says (pnpm gen:schemas)",
    async (type, r) => {
      const committed = await readFile(join(dir, schemaFileName(type)), "utf8").catch(
        () => "(missing)",
      );
      expect(committed).toBe(schemaFile(type, r.schema));
    },
  );

  it("has no schema for a record type nothing prints", async () => {
    const expected = records.map((r) => schemaFileName(r.type)).sort();
    expect((await readdir(dir)).sort()).toEqual(expected);
  });

  it("every record type declares its type and version (in every branch of a union)", () => {
    interface Node {
      properties?: Record<string, unknown>;
      required?: string[];
      anyOf?: Node[];
      oneOf?: Node[];
    }
    for (const r of records) {
      const json = JSON.parse(schemaFile(r.type, r.schema)) as Node;
      const branches = json.oneOf ?? json.anyOf ?? [json];
      expect(branches.length, r.type).toBeGreaterThan(0);
      for (const b of branches) {
        expect(b.properties, r.type).toHaveProperty("type", { type: "string", const: r.type });
        expect(b.properties, r.type).toHaveProperty("version");
        expect(b.required, r.type).toEqual(expect.arrayContaining(["type", "version"]));
      }
    }
  });
});
