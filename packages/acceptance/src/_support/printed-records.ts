// Every record any bin prints, by `type`, with the schema of the package that prints it: the
// source of docs/schemas/records/ (`pnpm gen:schemas`) and of the contract tests.
import { PRINTED_RECORDS as HISTORY } from "@observatory/cli-history";
import { PRINTED_RECORDS as LOCK } from "@observatory/cli-lock";
import { PRINTED_RECORDS as POLL } from "@observatory/cli-poll";
import { jsonSchemaText } from "@observatory/core";
import { PRINTED_RECORDS as DASH } from "@observatory/dash";
import { PRINTED_RECORDS as MIGRATE } from "@observatory/migrate-v1";
import { PRINTED_RECORDS as ORACLE } from "@observatory/oracle";
import { PRINTED_RECORDS as REPORT } from "@observatory/report";

type Schema = Parameters<typeof jsonSchemaText>[1];

const BY_PACKAGE: Record<string, Record<string, Schema>> = {
  "obs-poll, obs-bench": POLL,
  "obs-lock, obs-check": LOCK,
  "obs-oracle": ORACLE,
  "obs-dash": DASH,
  "obs-migrate": MIGRATE,
  "obs-history, obs-diff, obs-events": HISTORY,
  "obs-report": REPORT,
};

export interface PrintedRecord {
  type: string;
  schema: Schema;
  printedBy: string[];
}

/** Every printed record type; a type two packages print must have one schema text. */
export function printedRecords(): Map<string, PrintedRecord> {
  const out = new Map<string, PrintedRecord>();
  for (const [bins, records] of Object.entries(BY_PACKAGE)) {
    for (const [type, schema] of Object.entries(records)) {
      const seen = out.get(type);
      if (!seen) {
        out.set(type, { type, schema, printedBy: [bins] });
        continue;
      }
      if (schemaFile(type, seen.schema) !== schemaFile(type, schema))
        throw new Error(
          `${type} is printed by ${seen.printedBy.join("; ")} and ${bins} with different schemas`,
        );
      seen.printedBy.push(bins);
    }
  }
  return out;
}

/** docs/schemas/records/<name>: LOCK_CHECK -> lock-check.schema.json. */
export function schemaFileName(type: string): string {
  return `${type.toLowerCase().replaceAll("_", "-")}.schema.json`;
}

export function schemaFile(type: string, schema: Schema): string {
  return jsonSchemaText(`observatory/records/${schemaFileName(type)}`, schema, "output");
}
