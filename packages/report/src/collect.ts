// Everything a report reads from a state directory, through core: the current epoch and its
// providers, the model history, the committed events, and each lock checked against the current
// epoch as obs-check would (read-only: nothing is logged). This module is the only I/O.
import { readFile } from "node:fs/promises";
import {
  type CurrentHistory,
  checkLock,
  type LoadedEpoch,
  type LockedEpoch,
  layout,
  listLockFiles,
  listManifestIds,
  loadEpoch,
  ManifestSchema,
  noReadableEpoch,
  readCurrentEpoch,
  readCurrentHistory,
  readEvents,
} from "@observatory/core";
import type { LockRow, ProviderRow, ReportInput } from "./data.js";

export interface Collected {
  input: ReportInput;
  /** False when the current epoch was written before the history existed. */
  historyPresent: boolean;
  notes: string[];
}

export async function collect(stateDir: string, now: Date): Promise<Collected> {
  const history = await readCurrentHistory(stateDir, { strict: true });
  const notes: string[] = [];
  if (history.fellBack)
    notes.push(
      `the current epoch did not verify; reporting from the last good one, ${history.epochId}`,
    );
  const events = await readEvents(stateDir, { committedThrough: history.epochId });
  // Locks are checked against the epoch's snapshots, so the whole epoch is loaded, and only when
  // there is a lock to check.
  let whole: Promise<LoadedEpoch> | null = null;
  const current = () => {
    whole ??= wholeEpoch(stateDir, history, notes);
    return whole;
  };
  return {
    input: {
      stateDir,
      epochId: history.epochId,
      providers: await providerRows(stateDir, history),
      entries: history.entries,
      events: events.events,
      locks: await lockRows(stateDir, current),
      generatedAt: now.toISOString(),
    },
    historyPresent: history.present,
    notes,
  };
}

/** The epoch with every object it names verified; when one does not, the last good epoch, as
 * readCurrentEpoch falls back. */
async function wholeEpoch(
  stateDir: string,
  epoch: CurrentHistory,
  notes: string[],
): Promise<LoadedEpoch> {
  const r = await loadEpoch(stateDir, epoch.epochId, epoch.manifestHash);
  if (r.ok) return r.epoch;
  const read = await readCurrentEpoch(stateDir);
  if (read.epoch === null) throw noReadableEpoch(stateDir, [...r.problems, ...read.problems]);
  const why = r.problems.map((p) => `${p.file}: ${p.reason}`).join("; ");
  notes.push(
    `epoch ${epoch.epochId} did not verify (${why}); locks are checked against the last good one, ${read.epoch.epochId}`,
  );
  return read.epoch;
}

/** Each provider's status in the current epoch, and when it was last polled successfully: for
 * one in error, the newest retained epoch where it was fresh (manifests only are read). */
async function providerRows(
  stateDir: string,
  epoch: Pick<LoadedEpoch, "epochId" | "manifest">,
): Promise<ProviderRow[]> {
  const rows: ProviderRow[] = [];
  const missing: ProviderRow[] = [];
  for (const [name, p] of Object.entries(epoch.manifest.providers).sort()) {
    const row: ProviderRow = {
      name,
      status: p.status,
      polledAt: p.status === "error" ? null : p.polled_at,
      fromEpoch: p.status === "carried_forward" ? p.from_epoch : null,
      error:
        p.status === "error"
          ? `${p.error.code}: ${p.error.message}`
          : p.status === "carried_forward" && p.error
            ? `${p.error.code}: ${p.error.message}`
            : null,
    };
    rows.push(row);
    if (row.polledAt === null) missing.push(row);
  }
  if (missing.length > 0) {
    const ids = (await listManifestIds(stateDir)).filter((id) => id < epoch.epochId).slice(0, 200);
    for (const id of ids) {
      if (missing.every((r) => r.polledAt !== null)) break;
      let manifest: ReturnType<typeof ManifestSchema.parse>;
      try {
        manifest = ManifestSchema.parse(
          JSON.parse(await readFile(layout.manifestPath(stateDir, id), "utf8")),
        );
      } catch {
        continue;
      }
      for (const r of missing) {
        const p = manifest.providers[r.name];
        if (r.polledAt === null && p !== undefined && p.status !== "error")
          r.polledAt = p.polled_at;
      }
    }
  }
  return rows;
}

async function lockRows(stateDir: string, epoch: () => Promise<LoadedEpoch>): Promise<LockRow[]> {
  const rows: LockRow[] = [];
  const cache = new Map<string, LockedEpoch>();
  for (const f of await listLockFiles(stateDir)) {
    if (f.kind === "invalid") {
      rows.push({
        name: f.name,
        status: "INVALID",
        lockedEpoch: null,
        models: 0,
        counts: {},
        violations: [],
        provenance: `The lock file cannot be read: ${f.reason}`,
      });
      continue;
    }
    let locked: LockedEpoch | null = null;
    if (f.kind === "v2") {
      const key = `${f.lock.epoch_id}:${f.lock.manifest_hash}`;
      locked = cache.get(key) ?? null;
      if (locked === null) {
        const r = await loadEpoch(stateDir, f.lock.epoch_id, f.lock.manifest_hash);
        locked = r.ok
          ? { ok: true, epoch: r.epoch }
          : { ok: false, reason: r.problems.map((p) => `${p.file}: ${p.reason}`).join("; ") };
        cache.set(key, locked);
      }
    }
    const current = await epoch();
    const check = checkLock(f, locked, current);
    const lines: string[] = [];
    if (f.kind === "v2") {
      const l = f.lock;
      const scope =
        l.scope.providers === null && l.scope.models === null
          ? "the whole ecosystem"
          : [
              l.scope.providers ? `providers ${l.scope.providers.join(", ")}` : "",
              l.scope.models ? `models ${l.scope.models.join(", ")}` : "",
            ]
              .filter((s) => s !== "")
              .join("; ");
      lines.push(
        `Locked to epoch ${l.epoch_id} (manifest sha256 ${l.manifest_hash}), created ${l.created_at}.`,
        `Scope: ${scope}; ${l.models.length} models; registry hash ${l.registry_hash}.`,
        `Behaviour: ${l.behavior}; ${l.coverage.pairs} baseline pairs (${l.coverage.models} models x ${l.coverage.probes} probes), measured in ${l.benchmark_epoch ?? "no epoch"}${l.benchmark_stale ? " (some before the lock's epoch)" : ""}.`,
      );
      if (l.notes !== "") lines.push(`Notes: ${l.notes}`);
      if (l.migrated_from) lines.push(`Migrated from the v1 lock ${l.migrated_from.v1_file}.`);
      if (locked !== null && !locked.ok)
        lines.push(`The locked epoch cannot be read: ${locked.reason}`);
    } else {
      lines.push("A v1 lock file: it names no epoch; run obs-migrate, then re-lock.");
    }
    lines.push(`Checked against epoch ${current.epochId}: ${check.status}.`);
    for (const w of check.warnings) lines.push(`warning: ${w}`);
    rows.push({
      name: f.name,
      status: check.status,
      lockedEpoch: check.locked_epoch_id,
      models: f.kind === "v2" ? f.lock.models.length : 0,
      counts: check.counts,
      violations: check.violations.map((v) => ({ kind: v.kind, detail: v.detail })),
      provenance: lines.join("\n"),
    });
  }
  return rows;
}
