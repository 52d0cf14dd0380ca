// The record obs-report prints as NDJSON when stdout is not a terminal: the contract scripts rely
// on. It carries `type` and `version` (bump it when a field changes meaning or goes away).
import { EpochIdSchema } from "@observatory/core";
import { z } from "zod";

/** obs-report: the page was written. */
export const ReportWrittenRecordSchema = z.strictObject({
  type: z.literal("REPORT_WRITTEN"),
  version: z.literal(1),
  /** The HTML file, absolute. */
  path: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  /** The epochs the report covers (inclusive). */
  from: EpochIdSchema,
  to: EpochIdSchema,
  models: z.number().int().nonnegative(),
  changes: z.number().int().nonnegative(),
});
export type ReportWrittenRecord = z.infer<typeof ReportWrittenRecordSchema>;

export const PRINTED_RECORDS = { REPORT_WRITTEN: ReportWrittenRecordSchema } as const;
