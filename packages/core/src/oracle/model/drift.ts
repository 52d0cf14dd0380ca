// Drift as the epoch's benchmark store shows it, per model. Pure.
//
// The store keeps, per probe, the last poll's verdict and the epoch that set the current
// baseline. A confirmed drift moves the baseline, so an entry whose last verdict is DRIFT was
// confirmed in `baseline_since`. A first baseline sets `baseline_since` too, and after the next
// poll (a MATCH against the new baseline) the two cases look the same. Core therefore records
// the last confirmed drift per probe (`drift`: epoch and severity), which keeps a drift visible
// for the whole recency window; stores written before that fall back to the last verdict.
import { type Severity, severityRank } from "../../severity.js";
import type { BenchEntryView } from "../load/views.js";
import type { DriftRecord, PendingRecord } from "./profile.js";

export interface DriftFindings {
  drift: readonly DriftRecord[];
  pending: readonly PendingRecord[];
  /** Highest severity rank among recent drifts; -1 with none. */
  rank: number;
}

export interface DriftContext {
  probeSeverity: ReadonlyMap<string, Severity>;
  /** Creation time of the epoch being read, in ms. */
  epochMs: number;
  windowMs: number;
  /** Decodes an epoch id's time (core's epochTime), NaN when it is not an epoch id. */
  epochMsOf: (id: string) => number;
}

// Shared by every model without findings, so frozen: answers hand these arrays out.
const NONE: DriftFindings = Object.freeze({
  drift: Object.freeze([]),
  pending: Object.freeze([]),
  rank: -1,
});

export function driftFindings(
  probes: Record<string, BenchEntryView> | undefined,
  ctx: DriftContext,
): DriftFindings {
  if (probes === undefined) return NONE;
  const drift: DriftRecord[] = [];
  const pending: PendingRecord[] = [];
  let rank = -1;
  for (const probe of Object.keys(probes).sort()) {
    const e = probes[probe]!;
    if (e.last_verdict === "CANDIDATE") pending.push({ probe, streak: e.state.streak });
    // Core records the last confirmed drift; older stores only show it until the next poll.
    const recorded = e.drift ?? null;
    if (recorded === null && e.last_verdict !== "DRIFT") continue;
    const epochId = recorded?.epoch_id ?? e.baseline_since ?? e.observed_in;
    if (epochId === null) continue;
    const known = ctx.probeSeverity.get(probe) ?? recorded?.severity;
    // An unknown probe (a user probe file the oracle was not given) gets the worst severity:
    // excluding a model wrongly is cheaper than routing traffic to a broken one.
    const severity: Severity = known ?? "CRITICAL";
    const at = ctx.epochMsOf(epochId);
    const recent = Number.isNaN(at) || ctx.epochMs - at <= ctx.windowMs;
    drift.push({ probe, severity, severityKnown: known !== undefined, epochId, recent });
    if (recent) rank = Math.max(rank, severityRank(severity));
  }
  return drift.length === 0 && pending.length === 0 ? NONE : { drift, pending, rank };
}
