// What `obs-lock export` states: the lock, its epoch verified against the manifest hash, and how
// the lock has held since: the check against every epoch retention still keeps after the lock,
// recomputed now (not trusted from a log), plus the EXPERIMENT_DRIFT events logged for it.
import {
  checkLock,
  ExitCode,
  listManifestIds,
  loadEpoch,
  ObsError,
  readCurrentEpoch,
  readLockFile,
  tailEvents,
} from "@observatory/core";
import type { ProvenanceRecord } from "../records.js";
import { VERSION } from "../version.js";

/** The statement's content: the PROVENANCE record without its type and version. */
export type Provenance = Omit<ProvenanceRecord, "type" | "version">;

export async function provenance(stateDir: string, name: string): Promise<Provenance> {
  const file = await readLockFile(stateDir, name);
  if (file === null) {
    throw new ObsError("NO_SUCH_LOCK", `no such lock: ${name}`, {
      hint: "obs-lock --list shows the locks in this state directory",
      exitCode: ExitCode.NOT_FOUND,
    });
  }
  if (file.kind === "invalid") {
    throw new ObsError("LOCK_INVALID", `lock ${name} cannot be read: ${file.reason}`, {
      exitCode: ExitCode.STATE,
    });
  }
  if (file.kind === "v1") {
    throw new ObsError("LOCK_V1", `lock ${name} is a v1 lockfile: it names no epoch to vouch for`, {
      hint: `run obs-migrate, then re-lock: obs-lock ${name} --force --benchmark-before-lock`,
      exitCode: ExitCode.USAGE,
    });
  }
  const lock = file.lock;
  const loaded = await loadEpoch(stateDir, lock.epoch_id, lock.manifest_hash);
  const current = (await readCurrentEpoch(stateDir)).epoch;
  if (!current) {
    throw new ObsError("NO_EPOCH", "the state directory holds no committed epoch", {
      exitCode: ExitCode.STATE,
    });
  }
  const locked = loaded.ok
    ? ({ ok: true, epoch: loaded.epoch } as const)
    : ({
        ok: false,
        reason: loaded.problems.map((p) => `${p.file}: ${p.reason}`).join("; "),
      } as const);

  const since: Provenance["since"] = [];
  const ids = (await listManifestIds(stateDir))
    .filter((id) => id > lock.epoch_id && id < current.epochId)
    .reverse();
  for (const id of ids) {
    const r = await loadEpoch(stateDir, id, null);
    if (!r.ok) continue;
    since.push({
      epoch_id: id,
      manifest_hash: r.epoch.manifestHash,
      status: checkLock(file, locked, r.epoch).status,
    });
  }
  const now = checkLock(file, locked, current);
  if (current.epochId > lock.epoch_id)
    since.push({
      epoch_id: current.epochId,
      manifest_hash: current.manifestHash,
      status: now.status,
    });

  const events = await tailEvents(stateDir, 20, {
    committedThrough: current.epochId,
    filter: (e) => e.type === "EXPERIMENT_DRIFT" && e.lock === name,
  });
  return {
    generated_at: new Date().toISOString(),
    generator: `obs-lock ${VERSION} (Model Observatory)`,
    lock,
    locked_epoch: {
      epoch_id: lock.epoch_id,
      manifest_hash: lock.manifest_hash,
      verified: loaded.ok,
      problem: locked.ok ? null : locked.reason,
      created_at: loaded.ok ? loaded.epoch.manifest.created_at : null,
    },
    current: { ...now, manifest_hash: current.manifestHash },
    since,
    reported: events.map((e) => ({
      epoch_id: e.epoch_id,
      ts: e.ts,
      violations: e.type === "EXPERIMENT_DRIFT" ? e.violations.map((v) => v.detail) : [],
    })),
  };
}
