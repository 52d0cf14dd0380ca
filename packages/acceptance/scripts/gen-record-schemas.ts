// Regenerates docs/schemas/records/ from every package's PRINTED_RECORDS: `pnpm gen:schemas`.
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { printedRecords, schemaFile, schemaFileName } from "../src/_support/printed-records.js";

const out = join(import.meta.dirname, "..", "..", "..", "docs", "schemas", "records");
await mkdir(out, { recursive: true });
const records = printedRecords();
const wanted = new Set([...records.keys()].map(schemaFileName));
for (const name of await readdir(out)) if (!wanted.has(name)) await rm(join(out, name));
for (const r of records.values()) {
  await writeFile(join(out, schemaFileName(r.type)), schemaFile(r.type, r.schema));
  console.log(`wrote docs/schemas/records/${schemaFileName(r.type)} (${r.printedBy.join("; ")})`);
}
