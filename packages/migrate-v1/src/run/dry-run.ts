// --dry-run: the plan for a v1 directory (or for finishing an interrupted migration), read from
// the live files (or the backup), with nothing written.
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { LOCK_SUFFIX, layout } from "@observatory/core";
import { planMigration } from "../plan/plan.js";
import { emptyReport, type MigrationReport } from "../report.js";
import { readV1Tree } from "../v1/read-tree.js";
import { BACKUP_PREFIX } from "./backup.js";
import type { Inspection } from "./inspect.js";
import { compactStamp } from "./journal.js";
import type { MigrateOptions } from "./options.js";
import { planParts } from "./report-parts.js";

export async function dryRun(
  opts: MigrateOptions,
  found: Extract<Inspection, { kind: "v1" } | { kind: "in_progress" }>,
): Promise<MigrationReport> {
  const dir = opts.stateDir;
  const source = found.kind === "in_progress" ? join(dir, found.journal.backup_dir) : dir;
  const from =
    found.kind === "in_progress" ? `the backup ${found.journal.backup_dir}/` : "the live files";
  opts.step?.(`planning from ${from}; nothing will be written`);
  const plan = planMigration(await readV1Tree(source));
  const backup =
    found.kind === "in_progress"
      ? found.journal.backup_dir
      : `${BACKUP_PREFIX}${compactStamp((opts.now ?? (() => new Date()))())}`;
  const r = emptyReport(
    dir,
    "dry_run",
    found.kind === "in_progress"
      ? `a migration started ${found.journal.started_at} stopped after "${found.journal.phase}"; obs-migrate will finish it`
      : `v1 state found (${found.artifacts.join(", ")}); obs-migrate will migrate it`,
  );
  r.resumed = found.kind === "in_progress";
  r.backup_dir = backup;
  r.fingerprint_scheme = plan.providers[0]?.snapshot.fingerprint_scheme ?? "v1-raw";
  Object.assign(r, planParts(plan));
  r.quarantined = plan.tree.corrupt.map((c) => ({ ...c, to: null }));
  for (const l of plan.locks) {
    const path = `${layout.LOCKS_DIR}/${l.name}${LOCK_SUFFIX}`;
    const taken =
      l.invalid === null &&
      (await stat(join(dir, path)).then(
        () => true,
        () => false,
      ));
    if (taken && found.kind === "v1") {
      r.collisions.push({ file: path, reason: `a v2 lock named "${l.name}" already exists` });
    }
    r.locks.push({
      name: l.name,
      v1_file: l.file,
      model_ids: l.modelIds,
      registry: l.registry,
      result:
        l.invalid !== null ? "invalid" : taken && found.kind === "v1" ? "collision" : "planned",
      path: l.invalid !== null ? null : path,
    });
  }
  return r;
}
