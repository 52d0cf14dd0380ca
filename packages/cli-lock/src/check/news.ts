// Which check results become events. A violated lock is one EXPERIMENT_DRIFT, a missing
// observation one BENCHMARK_MISSING (WARN) per pinned pair. Each is news once: an identical
// EXPERIMENT_DRIFT already logged for the lock, or a BENCHMARK_MISSING already logged for the
// pair since its last data (by obs-check or by obs-poll), is not logged or sent again, so a cron
// of `obs-poll | obs-check --all` reports a broken lock once, not every quarter hour.
import {
  BUILTIN_PROBES,
  compareSeverity,
  type EventDraft,
  eventLogFiles,
  type LockCheck,
  linesBackwards,
  parseEventLine,
  type Severity,
} from "@observatory/core";

export interface Finding {
  lock: string;
  draft: EventDraft;
  /** Already in the log: not logged or sent again. */
  reported: boolean;
}

const signature = (violations: ReadonlyArray<{ kind: string; detail: string }>) =>
  violations
    .map((v) => `${v.kind}\u0000${v.detail}`)
    .sort()
    .join("\u0001");

export async function findings(
  stateDir: string,
  checks: readonly LockCheck[],
  committedThrough: string | null,
): Promise<Finding[]> {
  const since = checks
    .map((c) => c.locked_epoch_id)
    .filter((id): id is string => id !== null)
    .sort()[0];
  const out: Finding[] = [];
  const drafts: Array<{ lock: string; draft: EventDraft; lastData: string | null }> = [];
  for (const c of checks) {
    if (c.status === "VIOLATED" && c.locked_epoch_id !== null) {
      drafts.push({
        lock: c.lock,
        lastData: null,
        draft: {
          type: "EXPERIMENT_DRIFT",
          severity: driftSeverity(c),
          lock: c.lock,
          locked_epoch_id: c.locked_epoch_id,
          violations: c.violations.map((v) => ({ kind: v.kind, detail: v.detail })),
        },
      });
    }
    for (const p of c.pairs) {
      if (p.status !== "MISSING") continue;
      const slash = p.model.indexOf("/");
      drafts.push({
        lock: c.lock,
        lastData: p.observed_in,
        draft: {
          type: "BENCHMARK_MISSING",
          severity: "WARN",
          provider: p.model.slice(0, slash),
          model_id: p.model.slice(slash + 1),
          probe: p.probe,
          tier: probeInfo(p.probe).tier,
          lock: c.lock,
          reason: p.detail,
        },
      });
    }
  }
  if (drafts.length === 0 || since === undefined) {
    return drafts.map((d) => ({ lock: d.lock, draft: d.draft, reported: false }));
  }
  const prior = await priorReports(stateDir, since, committedThrough);
  for (const d of drafts) {
    let reported = false;
    if (d.draft.type === "EXPERIMENT_DRIFT") {
      const last = prior.drift.get(d.lock);
      reported =
        last !== undefined &&
        last.locked === d.draft.locked_epoch_id &&
        last.signature === signature(d.draft.violations);
    } else if (d.draft.type === "BENCHMARK_MISSING") {
      const at = prior.missing.get(missingKey(d.lock, d.draft));
      reported = at !== undefined && (d.lastData === null || at > d.lastData);
    }
    out.push({ lock: d.lock, draft: d.draft, reported });
  }
  return out;
}

function missingKey(
  lock: string,
  e: { provider: string; model_id: string; probe: string },
): string {
  return `${lock}\u0000${e.provider}/${e.model_id}\u0000${e.probe}`;
}

interface Prior {
  /** The newest EXPERIMENT_DRIFT per lock. */
  drift: Map<string, { locked: string; signature: string }>;
  /** The epoch of the newest BENCHMARK_MISSING per (lock, model, probe). */
  missing: Map<string, string>;
}

/**
 * Reads the log backwards down to `since` (no report about a lock predates its epoch), skipping
 * events of epochs that were never committed. Only lines that can matter are parsed.
 */
async function priorReports(
  stateDir: string,
  since: string,
  committedThrough: string | null,
): Promise<Prior> {
  const prior: Prior = { drift: new Map(), missing: new Map() };
  const aborted = new Set<string>();
  const files = (await eventLogFiles(stateDir)).reverse();
  for (const file of files) {
    for await (const line of linesBackwards(file)) {
      const epoch = /"epoch_id":"([^"]+)"/.exec(line)?.[1];
      if (epoch !== undefined && epoch < since) return prior;
      if (!/"type":"(EXPERIMENT_DRIFT|BENCHMARK_MISSING|EPOCH_ABORTED)"/.test(line)) continue;
      const parsed = parseEventLine(line);
      if (parsed.kind !== "event") continue;
      const e = parsed.event;
      if (e.type === "EPOCH_ABORTED") aborted.add(e.aborted_epoch_id);
      if (e.epoch_id === null || aborted.has(e.epoch_id)) continue;
      if (committedThrough !== null && e.epoch_id > committedThrough) continue;
      if (e.type === "EXPERIMENT_DRIFT" && !prior.drift.has(e.lock))
        prior.drift.set(e.lock, { locked: e.locked_epoch_id, signature: signature(e.violations) });
      if (e.type === "BENCHMARK_MISSING" && e.lock !== undefined) {
        const k = missingKey(e.lock, e);
        if (!prior.missing.has(k)) prior.missing.set(k, e.epoch_id);
      }
    }
  }
  return prior;
}

function probeInfo(id: string): { tier: number; severity: Severity | null } {
  const p = BUILTIN_PROBES.find((x) => x.id === id);
  return p ? { tier: p.tier, severity: p.severity } : { tier: 0, severity: null };
}

/** A broken lock is at least HIGH; a drift on a CRITICAL probe makes it CRITICAL. */
function driftSeverity(c: LockCheck): Severity {
  let s: Severity = "HIGH";
  for (const p of c.pairs) {
    if (p.status !== "DRIFT") continue;
    const sev = probeInfo(p.probe).severity;
    if (sev && compareSeverity(sev, s) > 0) s = sev;
  }
  return s;
}
