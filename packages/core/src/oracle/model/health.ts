// Why a model is or is not healthy, in words: the reasons status() gives. The same gates as
// routing (route/gates.ts), so status never disagrees with route or isHealthy.
import { severityRank } from "../../severity.js";
import type { ProviderEntry } from "../../state/schemas.js";
import type { Gates, HealthCode } from "../route/gates.js";
import type { ModelTable } from "./table.js";

export interface Reason {
  code: HealthCode | WarningCode;
  message: string;
}

export const WARNING_CODES = [
  "CARRIED_FORWARD",
  "DEPRECATION_SCHEDULED",
  "EXPIRY_SCHEDULED",
  "NOT_MEASURED",
  "DRIFT_NOT_COUNTED",
  "UNCONFIRMED_CHANGE",
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** Every gate the model fails, with the facts behind it. */
export function unhealthyReasons(t: ModelTable, i: number, g: Gates, nowMs: number): Reason[] {
  const p = t.profile(i);
  const out: Reason[] = [];
  if (!p.listed) {
    const why =
      p.removedIn !== null
        ? `${p.provider}'s listing dropped it in epoch ${p.removedIn}`
        : p.providerStatus === "error"
          ? `${p.provider} has no snapshot in this epoch (its poll failed)`
          : `${p.provider}'s snapshot in this epoch does not list it`;
    out.push({ code: "NOT_LISTED", message: `not listed: ${why}` });
  }
  if (g.expired && t.expiresAt[i]! <= nowMs)
    out.push({ code: "EXPIRED", message: dateMessage("expired", p.expirationDate) });
  if (g.deprecated && t.deprecatedAt[i]! <= nowMs)
    out.push({ code: "DEPRECATED", message: dateMessage("deprecated", p.deprecationDate) });
  for (const d of p.drift) {
    if (!d.recent || severityRank(d.severity) < g.driftRank) continue;
    const assumed = d.severityKnown ? "" : ", severity assumed: unknown probe";
    out.push({
      code: "DRIFT",
      message: `behaviour drift confirmed on probe ${d.probe} (${d.severity}${assumed}) in epoch ${d.epochId}`,
    });
  }
  if (p.calls < g.minCalls) {
    const measured =
      p.calls === 0 ? "no calls measured" : `only ${plural(p.calls, "call")} measured`;
    out.push({
      code: "TOO_FEW_CALLS",
      message: `${measured}; routing needs at least ${plural(g.minCalls, "call")} (obs-bench measures them)`,
    });
  }
  if (p.reliability !== null && p.reliability < g.minReliability) {
    out.push({
      code: "LOW_RELIABILITY",
      message: `reliability ${p.reliability} over the last ${p.calls} calls is below ${g.minReliability}`,
    });
  }
  return out;
}

/** What routing code should know even when the model is healthy. */
export function warnings(
  t: ModelTable,
  i: number,
  g: Gates,
  nowMs: number,
  provider: ProviderEntry | undefined,
): Reason[] {
  const p = t.profile(i);
  const out: Reason[] = [];
  if (p.listed && provider?.status === "carried_forward") {
    const why = provider.error ? ` after a failed poll (${provider.error.code})` : "";
    out.push({
      code: "CARRIED_FORWARD",
      message: `${p.provider}'s listing is carried forward from epoch ${provider.from_epoch}${why}`,
    });
  }
  if (t.deprecatedAt[i]! > nowMs)
    out.push({ code: "DEPRECATION_SCHEDULED", message: `deprecation on ${p.deprecationDate}` });
  if (t.expiresAt[i]! > nowMs)
    out.push({ code: "EXPIRY_SCHEDULED", message: `expires on ${p.expirationDate}` });
  // With a minimum of calls, an unmeasured model already fails TOO_FEW_CALLS, which says so.
  if (p.reliability === null && g.minCalls === 0)
    out.push({ code: "NOT_MEASURED", message: "no calls measured yet: reliability unknown" });
  for (const d of p.drift) {
    if (d.recent && severityRank(d.severity) >= g.driftRank) continue;
    const why = d.recent ? "below the severity that counts" : "outside the drift window";
    out.push({
      code: "DRIFT_NOT_COUNTED",
      message: `drift on probe ${d.probe} (${d.severity}) in epoch ${d.epochId}, ${why}`,
    });
  }
  for (const c of p.pending) {
    out.push({
      code: "UNCONFIRMED_CHANGE",
      message: `probe ${c.probe} answers differently for ${c.streak} poll(s); not confirmed yet`,
    });
  }
  return out;
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

function dateMessage(what: string, date: string | null): string {
  return Number.isNaN(Date.parse(date ?? ""))
    ? `${what}: the provider's date "${date}" is unreadable, so it is taken as passed`
    : `${what} since ${date}`;
}
