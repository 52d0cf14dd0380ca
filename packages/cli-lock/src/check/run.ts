// obs-check: load the locks and the epoch to check, check each lock, then log what is news
// (EXPERIMENT_DRIFT, BENCHMARK_MISSING) through a state writer and, once the lock is released,
// send it to webhooks under deadlines; failures are logged in a brief second session. If
// another instance holds the state directory, the result still stands; only the logging waits.

import {
  checkLock,
  describeError,
  type EventDraft,
  ExitCode,
  emptyCooldowns,
  type LockCheck,
  type LockedEpoch,
  type LockFile,
  listLockFiles,
  loadEpoch,
  loadWebhooksForRun,
  ObsError,
  type ObsEvent,
  openStateWriter,
  planDeliveries,
  readLockFile,
  readPointer,
  requireState,
  validateLockName,
} from "@observatory/core";
import { type DeliveryResult, deliver, failureEvents } from "@observatory/notify";
import { VERSION } from "../version.js";
import { type Finding, findings } from "./news.js";
import { pipedEpoch } from "./pipe.js";
import { resolveTarget, type Target, validateEpochId } from "./target.js";

export interface CheckOptions {
  stateDir: string;
  names: readonly string[];
  all: boolean;
  /** Check this epoch instead of the current one. */
  epoch?: string | undefined;
  /** What was piped on stdin (obs-poll's NDJSON), or null when stdin was not read. An empty
   * string is a pipe whose writer printed nothing: a failure, like a run that committed none. */
  stdin?: string | null | undefined;
  webhooksFile?: string | undefined;
  /** Log and notify (default); false checks read-only (obs-lock export uses this). */
  report?: boolean;
  staleMs?: number;
  /** Queue behind a live holder of the instance lock for up to this long. */
  waitMs?: number;
  webhookSleep?: (ms: number) => Promise<void>;
  /** Total deadline for one webhook request, answer included (default 10 s). */
  webhookTimeoutMs?: number;
  /** Deadline for all of a check's deliveries (default 30 s). */
  webhookDeadlineMs?: number;
}

export interface CheckReport {
  target: { epoch_id: string; manifest_hash: string; source: Target["source"]; notes: string[] };
  checks: LockCheck[];
  /** Lock files that could not be read (under --all): reported, never silently skipped. */
  invalid: Array<{ lock: string; reason: string }>;
  /** Events this run logged (and sent), in log order. */
  events: ObsEvent[];
  /** Findings already in the log from an earlier check or poll. */
  alreadyReported: Finding[];
  /** Set when news could not be logged (another instance holds the lock). */
  notLogged: { findings: Finding[]; reason: string } | null;
  webhooks: DeliveryResult[];
}

export async function runCheck(opts: CheckOptions): Promise<CheckReport> {
  if (opts.all === opts.names.length > 0) {
    throw new ObsError("USAGE", "name the locks to check, or give --all", {
      hint: "obs-check NAME... or obs-check --all (obs-lock --list shows the locks)",
      exitCode: ExitCode.USAGE,
    });
  }
  const names = opts.names.map(validateLockName);
  // Before any file is read: a bad --epoch is a usage error, not a missing epoch.
  if (opts.epoch !== undefined) validateEpochId(opts.epoch);
  // What the run before the pipe did comes first: when it committed nothing, that is the news.
  const piped = opts.stdin === null || opts.stdin === undefined ? null : pipedEpoch(opts.stdin);
  await requireState(opts.stateDir);
  const files = opts.all ? await listLockFiles(opts.stateDir) : await named(opts.stateDir, names);
  const { config: webhooks, warning } = await loadWebhooksForRun(opts.webhooksFile, opts.stateDir);
  const target = await resolveTarget(opts.stateDir, { epoch: opts.epoch, piped });

  const checks: LockCheck[] = [];
  const invalid: CheckReport["invalid"] = [];
  const lockedCache = new Map<string, LockedEpoch>();
  for (const f of files) {
    if (f.kind === "invalid") {
      invalid.push({ lock: f.name, reason: f.reason });
      continue;
    }
    let locked: LockedEpoch | null = null;
    if (f.kind === "v2") {
      const key = `${f.lock.epoch_id}:${f.lock.manifest_hash}`;
      locked = lockedCache.get(key) ?? null;
      if (!locked) {
        const r = await loadEpoch(opts.stateDir, f.lock.epoch_id, f.lock.manifest_hash);
        locked = r.ok
          ? { ok: true, epoch: r.epoch }
          : { ok: false, reason: r.problems.map((p) => `${p.file}: ${p.reason}`).join("; ") };
        lockedCache.set(key, locked);
      }
    }
    checks.push(checkLock(f, locked, target.epoch));
  }

  const report: CheckReport = {
    target: {
      epoch_id: target.epoch.epochId,
      manifest_hash: target.epoch.manifestHash,
      source: target.source,
      notes: warning
        ? [...target.notes, `webhook config ignored: ${warning.reason}`]
        : target.notes,
    },
    checks,
    invalid,
    events: [],
    alreadyReported: [],
    notLogged: null,
    webhooks: [],
  };
  if (opts.report === false) return report;

  const pointer = await readPointer(opts.stateDir);
  const found = await findings(
    opts.stateDir,
    checks,
    pointer.kind === "ok" ? pointer.pointer.epoch_id : null,
  );
  report.alreadyReported = found.filter((f) => f.reported);
  const news = found.filter((f) => !f.reported);
  const drafts: EventDraft[] = news.map((f) => f.draft);
  if (warning) drafts.push(warning);
  if (drafts.length === 0) return report;

  const writerOptions = {
    tool: "obs-check",
    version: VERSION,
    ...(opts.staleMs === undefined ? {} : { staleMs: opts.staleMs }),
  };
  const opened = await openStateWriter(opts.stateDir, {
    ...writerOptions,
    ...(opts.waitMs === undefined ? {} : { waitMs: opts.waitMs }),
  });
  if (!opened.ok) {
    report.notLogged = { findings: news, reason: opened.message };
    return report;
  }
  try {
    report.events = await opened.writer.log(drafts);
  } finally {
    await opened.writer.close();
  }
  if (!webhooks || webhooks.webhooks.length === 0) return report;
  // The lock is released: a slow receiver holds up no other run.
  // One plan per event: the planner's in-batch cooldown key has no lock name, and two broken
  // locks are two pieces of news. Repeats are already filtered out above.
  const deliveries = report.events
    .filter((e) => e.type !== "WEBHOOK_CONFIG_INVALID")
    .flatMap((e) => planDeliveries([e], webhooks, emptyCooldowns(), new Date()).deliveries);
  report.webhooks = await deliver(deliveries, {
    ...(opts.webhookSleep ? { sleep: opts.webhookSleep } : {}),
    ...(opts.webhookTimeoutMs === undefined ? {} : { timeoutMs: opts.webhookTimeoutMs }),
    ...(opts.webhookDeadlineMs === undefined ? {} : { deadlineMs: opts.webhookDeadlineMs }),
  });
  const failed = failureEvents(report.webhooks);
  if (failed.length === 0) return report;
  // The news is logged whatever happens here: failing to log the failures is only a note.
  try {
    const again = await openStateWriter(opts.stateDir, { ...writerOptions, waitMs: 2_000 });
    if (!again.ok) {
      report.target.notes.push(`webhook failures not logged: ${again.message}`);
      return report;
    }
    try {
      for (const e of await again.writer.log(failed)) report.events.push(e);
    } finally {
      await again.writer.close();
    }
  } catch (e) {
    report.target.notes.push(`webhook failures not logged: ${describeError(e)}`);
  }
  return report;
}

async function named(stateDir: string, names: readonly string[]): Promise<LockFile[]> {
  const files: LockFile[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const f = await readLockFile(stateDir, name);
    if (f === null) missing.push(name);
    else files.push(f);
  }
  if (missing.length > 0) {
    throw new ObsError("NO_SUCH_LOCK", `no such lock: ${missing.join(", ")}`, {
      hint: "obs-lock --list shows the locks in this state directory",
      exitCode: ExitCode.NOT_FOUND,
    });
  }
  return files;
}

/** 1 if any lock is violated; else 5 if a lock file could not be read; else 0. */
export function checkExitCode(r: CheckReport): number {
  if (r.checks.some((c) => c.status === "VIOLATED")) return ExitCode.DRIFT;
  if (r.invalid.length > 0) return ExitCode.STATE;
  return ExitCode.OK;
}
