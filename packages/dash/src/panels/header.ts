// The facts above every panel: which epoch is shown, how old it is, whether it is stale or a
// fallback from a damaged newer one, and the alarms worth seeing from any panel.
import { DEFAULT_STALE_AFTER_MS } from "@observatory/core";
import { describeProblems } from "../errors.js";
import type { World } from "../load/world.js";
import type { PanelContext } from "./context.js";
import { formatAge } from "./format.js";

export interface HeaderFacts {
  epochId: string;
  createdAt: string;
  ageMs: number;
  age: string;
  /** Older than the oracle's staleness limit (24 h): is obs-poll still running? */
  stale: boolean;
  /** Shown instead of the pointer's epoch, which did not verify. */
  fallback: string | null;
  /** Models with a confirmed recent drift; providers whose last poll failed; violated locks. */
  drifted: number;
  providerErrors: number;
  violatedLocks: number;
  notes: string[];
}

export function headerFacts(world: World, ctx: PanelContext): HeaderFacts {
  const ageMs = ctx.nowMs - world.epoch.createdAtMs;
  const e = world.epoch;
  const fallback = e.fellBack
    ? `the pointer's epoch ${e.pointerEpochId ?? "(unreadable pointer)"} did not verify (${describeProblems(e.problems)}); showing the last good epoch`
    : null;
  return {
    epochId: e.id,
    createdAt: e.createdAt,
    ageMs,
    age: formatAge(ageMs),
    stale: ageMs > DEFAULT_STALE_AFTER_MS,
    fallback: fallback === null ? null : ctx.redact(fallback),
    drifted: world.models.filter((m) => m.drift.some((d) => d.recent)).length,
    providerErrors: Object.values(world.manifest.providers).filter(
      (p) => p.status === "error" || (p.status === "carried_forward" && p.error !== undefined),
    ).length,
    violatedLocks: world.locks.filter((l) => l.check?.status === "VIOLATED").length,
    notes: world.notes.map(ctx.redact),
  };
}

/** "epoch X, created T (3m 12s ago)" plus flags, in one line of plain words. */
export function headerLine(h: HeaderFacts): string {
  const flags = [
    h.stale ? "STALE" : null,
    h.fallback ? "FALLBACK" : null,
    h.drifted > 0 ? `DRIFT ${h.drifted}` : null,
    h.providerErrors > 0 ? `POLL ERRORS ${h.providerErrors}` : null,
    h.violatedLocks > 0 ? `LOCKS VIOLATED ${h.violatedLocks}` : null,
  ].filter(Boolean);
  return `epoch ${h.epochId}, ${h.age} old${flags.length > 0 ? ` [${flags.join("] [")}]` : ""}`;
}
