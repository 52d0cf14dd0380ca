// Reads experiment locks (locks/<name>.lock.json) for the parts other tools rely on: the epoch
// a lock pins and its canonical baselines. obs-lock owns the full format.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { locksDir } from "../state/layout.js";

export const LOCK_SUFFIX = ".lock.json";

/** The fields every lock version shares; the rest of the file is obs-lock's business. */
export const LockCoreSchema = z.looseObject({
  name: z.string().min(1),
  epoch_id: z.string(),
  /** "provider/model_id" -> probe id -> canonical value measured in the lock's epoch. */
  baselines: z.record(z.string(), z.record(z.string(), z.string())).default({}),
});
export type LockCore = z.infer<typeof LockCoreSchema>;

export interface LockReadReport {
  locks: LockCore[];
  /** Lock files that could not be read or parsed (file name, reason). */
  problems: Array<{ file: string; reason: string }>;
}

export async function readLockCores(stateDir: string): Promise<LockReadReport> {
  const report: LockReadReport = { locks: [], problems: [] };
  let names: string[];
  try {
    names = await readdir(locksDir(stateDir));
  } catch {
    return report;
  }
  for (const name of names.filter((n) => n.endsWith(LOCK_SUFFIX)).sort()) {
    try {
      const r = LockCoreSchema.safeParse(
        JSON.parse(await readFile(join(locksDir(stateDir), name), "utf8")),
      );
      if (r.success) report.locks.push(r.data);
      else
        report.problems.push({ file: `locks/${name}`, reason: "does not match the lock schema" });
    } catch {
      report.problems.push({ file: `locks/${name}`, reason: "not valid JSON" });
    }
  }
  return report;
}
