// Regenerates docs/schemas/*.json from the zod schemas: `pnpm gen:schemas`.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { contractJsonSchemas } from "../src/schema/json-schemas.js";

const out = join(import.meta.dirname, "..", "..", "..", "docs", "schemas");
await mkdir(out, { recursive: true });
for (const [name, text] of Object.entries(contractJsonSchemas())) {
  await writeFile(join(out, name), text);
  console.log(`wrote docs/schemas/${name}`);
}
