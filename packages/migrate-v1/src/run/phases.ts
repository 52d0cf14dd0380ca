// A real migration, in phases a killed run can resume from (the journal says which were reached):
//   A (instance lock): back up -> journal "backed_up" -> plan from the verified backup ->
//     quarantine corrupt files, drop the seed's pointer;
//   B (state writer):  commit epoch 0 (the pointer flip is the commit point) -> journal
//     "committed" -> write the v2 locks -> retire the v1 files -> journal "complete".
// Every step is idempotent, so resuming simply repeats the phase it was in.

import { join } from "node:path";
import {
  acquireInstanceLock,
  type EventDraft,
  ExitCode,
  LEGACY_FINGERPRINT_SCHEME,
  type LoadedEpoch,
  ObsError,
  openStateWriter,
  type ProviderDraft,
  type StateWriter,
} from "@observatory/core";
import { listingSeed } from "../plan/history-seed.js";
import { epochRegistry, type MigrationPlan, planMigration } from "../plan/plan.js";
import { emptyReport, type MigrationReport } from "../report.js";
import { readV1Tree } from "../v1/read-tree.js";
import {
  type BackupManifest,
  freshBackupName,
  interrupted,
  makeBackup,
  verifyBackup,
} from "./backup.js";
import { inspect } from "./inspect.js";
import { compactStamp, type Journal, writeJournal } from "./journal.js";
import { dropSeedPointer, type Quarantined, quarantineCorrupt, retireV1 } from "./live.js";
import type { MigrateOptions } from "./options.js";
import { planParts } from "./report-parts.js";
import { settled } from "./settled.js";
import { writeLocks } from "./write-locks.js";

const TOOL = "obs-migrate";

interface Prepared {
  journal: Journal;
  backup: BackupManifest;
  plan: MigrationPlan;
  quarantined: Quarantined[];
  left: MigrationReport["left_in_place"];
  resumed: boolean;
}

export async function runMigration(opts: MigrateOptions): Promise<MigrationReport> {
  const dir = opts.stateDir;
  const lockOpts = {
    ...(opts.staleMs === undefined ? {} : { staleMs: opts.staleMs }),
    ...(opts.waitMs === undefined ? {} : { waitMs: opts.waitMs }),
  };
  const step = opts.step ?? (() => undefined);
  step(
    `taking the instance lock${opts.waitMs === undefined ? "" : " (waiting for a live holder)"}`,
  );
  const lock = await acquireInstanceLock(dir, { tool: TOOL, ...lockOpts });
  if (!lock.ok) return emptyReport(dir, "locked", `skipped: ${lock.message}`);
  let prepared: Prepared | MigrationReport;
  try {
    prepared = await prepare(opts);
  } finally {
    await lock.lock.release();
  }
  if ("type" in prepared) return prepared;
  stopIfAborted(opts, "after the backup");

  step("opening the state writer for epoch 0");
  const opened = await openStateWriter(dir, {
    tool: TOOL,
    version: opts.version,
    ...lockOpts,
    beforeStep: (s) => opts.checkpoint?.(`commit:${s}`),
  });
  if (!opened.ok) return emptyReport(dir, "locked", `skipped: ${opened.message}`);
  const writer = opened.writer;
  try {
    const { journal, plan, backup } = prepared;
    let epoch = writer.current;
    let appended = 0;
    if (epoch && !isEpoch0(epoch, journal)) {
      throw new ObsError(
        "MIGRATION_CONFLICT",
        `${dir} already has a v2 epoch ${epoch.epochId} written by ${epoch.manifest.writer.tool}; epoch 0 was not created over it`,
        {
          hint: `the v1 files are safe in ${journal.backup_dir}/; migrate a copy of them into an empty directory`,
          exitCode: ExitCode.DRIFT,
        },
      );
    }
    if (!epoch) {
      step("committing epoch 0 (objects, manifest, events, pointer)");
      const committed = await commitEpoch0(writer, plan, prepared.quarantined);
      appended = committed.events.length;
      epoch = writer.current!;
      step(`committed epoch 0: ${epoch.epochId}`);
    } else {
      step(`epoch 0 was committed by the interrupted run: ${epoch.epochId}`);
    }
    const ref = { epoch_id: epoch.epochId, manifest_hash: epoch.manifestHash };
    let j: Journal = { ...journal, phase: "committed", epoch: ref };
    await writeJournal(dir, j);
    await opts.checkpoint?.("committed");
    stopIfAborted(opts, "after committing epoch 0");

    const locks = await writeLocks(
      dir,
      plan.locks,
      { epochId: epoch.epochId, manifestHash: epoch.manifestHash, snapshots: epoch.snapshots },
      journal.started_at,
      async () => opts.checkpoint?.("locks"),
    );
    for (const l of locks.locks) step(`lock ${l.name}: ${l.result}${l.path ? ` (${l.path})` : ""}`);
    const quarantinedFiles = new Set(plan.tree.corrupt.map((c) => c.file));
    const retire = await retireV1(dir, backup, quarantinedFiles, async () =>
      opts.checkpoint?.("retire"),
    );

    const report: MigrationReport = {
      ...emptyReport(dir, "migrated", ""),
      ...planParts(plan),
      message: `migrated: epoch 0 is ${ref.epoch_id}; the first obs-poll rebaselines fingerprints (one MIGRATION_REBASELINE)`,
      resumed: prepared.resumed,
      backup_dir: journal.backup_dir,
      epoch: ref,
      fingerprint_scheme: epoch.manifest.fingerprint_scheme,
      locks: locks.locks,
      quarantined: prepared.quarantined,
      collisions: locks.collisions,
      left_in_place: [...prepared.left, ...retire.left],
      retired: retire.retired,
      events_appended: appended,
    };
    step(`retired ${retire.retired.length} v1 files (copies in ${journal.backup_dir}/)`);
    j = { ...j, phase: "complete", report: report as unknown as Record<string, unknown> };
    await writeJournal(dir, j);
    step("journal: complete");
    return report;
  } finally {
    await writer.close();
  }
}

/** Phase A, under the instance lock: the backup and the changes that must precede the commit. */
async function prepare(opts: MigrateOptions): Promise<Prepared | MigrationReport> {
  const dir = opts.stateDir;
  const found = await inspect(dir);
  // Another run may have finished the migration since we looked: decide again under the lock.
  if (found.kind !== "v1" && found.kind !== "in_progress") {
    return settled(dir, found);
  }
  const step = opts.step ?? (() => undefined);
  let journal: Journal;
  if (found.kind === "in_progress") {
    journal = found.journal;
    step(`resuming the migration started ${journal.started_at} (phase "${journal.phase}")`);
  } else {
    const now = (opts.now ?? (() => new Date()))();
    const stamp = compactStamp(now);
    const name = await freshBackupName(dir, stamp);
    step(`backing up the directory to ${name}/`);
    const made = await makeBackup(
      dir,
      name,
      now.toISOString(),
      async () => opts.checkpoint?.("backup"),
      opts.signal,
    );
    journal = {
      schema: "observatory.migrate-v1/1",
      version: opts.version,
      started_at: now.toISOString(),
      stamp,
      backup_dir: name,
      phase: "backed_up",
      epoch: null,
    };
    step(`backed up ${made.files.length} files to ${name}/`);
    await writeJournal(dir, journal);
    await opts.checkpoint?.("backed-up");
  }
  step(`verifying ${journal.backup_dir}/ against its hashes`);
  const backup = await verifyBackup(dir, journal.backup_dir);
  const plan = planMigration(await readV1Tree(join(dir, journal.backup_dir)));
  const models = plan.providers.reduce((n, p) => n + p.snapshot.models.length, 0);
  step(
    `planned epoch 0 from the backup: ${plan.providers.length} providers, ${models} models, ${plan.locks.length} locks`,
  );
  const q = await quarantineCorrupt(dir, plan.tree.corrupt, journal.stamp, backup);
  for (const x of q.quarantined)
    step(`quarantined ${x.file}${x.to ? ` -> ${x.to}` : ""} (${x.reason})`);
  if (plan.tree.pointer) {
    await dropSeedPointer(dir, backup);
    step("removed the seed's current_epoch.json (its copy is in the backup)");
  }
  await opts.checkpoint?.("prepared");
  return {
    journal,
    backup,
    plan,
    quarantined: q.quarantined,
    left: q.left,
    resumed: found.kind === "in_progress",
  };
}

/** Ours: the parentless legacy-scheme epoch obs-migrate commits (named in the journal once known). */
function isEpoch0(epoch: LoadedEpoch, journal: Journal): boolean {
  const m = epoch.manifest;
  if (journal.epoch) return journal.epoch.epoch_id === epoch.epochId;
  return (
    m.writer.tool === TOOL &&
    m.parent === null &&
    m.fingerprint_scheme === LEGACY_FINGERPRINT_SCHEME
  );
}

async function commitEpoch0(
  writer: StateWriter,
  plan: MigrationPlan,
  quarantined: readonly Quarantined[],
) {
  const epochId = await writer.reserveEpochId();
  const providers: Record<string, ProviderDraft> = {};
  for (const p of plan.providers) providers[p.provider] = { snapshot: p.snapshot };
  for (const [name, error] of Object.entries(plan.providerErrors)) providers[name] = { error };
  // The only events a migration writes: what it had to quarantine. MIGRATION_REBASELINE belongs
  // to the first poll, which is where the fingerprints are actually recomputed.
  const events: EventDraft[] = quarantined.map((q) => ({
    type: "STATE_CORRUPT",
    severity: "WARN",
    file: q.file,
    reason: q.reason,
    quarantined_to: q.to,
  }));
  return writer.commit({
    fingerprintScheme: LEGACY_FINGERPRINT_SCHEME,
    historySeed: listingSeed(plan.tree.listings, epochId),
    providers,
    registry: epochRegistry(plan, epochId)?.registry ?? null,
    benchmarks: plan.benchmarks?.store ?? null,
    events,
  });
}

function stopIfAborted(opts: MigrateOptions, where: string): void {
  if (opts.signal?.aborted) throw interrupted(where);
}
