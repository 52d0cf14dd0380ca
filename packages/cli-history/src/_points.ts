// A point in the history from what a user typed (core's resolvePoint), as an error users can act
// on: a spec that is not one of the accepted forms is a usage error (exit 2); a well-formed one
// the history cannot answer (an epoch it does not hold, a time before it begins) is not found (6).
import { ExitCode, type HistoryEntry, ObsError, resolvePoint } from "@observatory/core";

export const POINT_FORMS =
  "an epoch id (20261121T052029.123Z-0000), an ISO date or time (2026-11-21, 2026-11-21T05:20Z; UTC unless it says), @-N (N epochs before the newest), 7d / 12h / 30m ago, or now";

export type Point = { kind: "epoch"; epochId: string } | { kind: "before-history" };

export function point(
  entries: readonly HistoryEntry[],
  spec: string,
  flag: string,
  now: Date,
): Point {
  const r = resolvePoint(entries, spec, now);
  if (r.ok) return { kind: "epoch", epochId: r.epochId };
  if (r.kind === "invalid")
    throw new ObsError("BAD_POINT", `${flag} ${JSON.stringify(spec)}: ${r.reason}`, {
      hint: `give ${POINT_FORMS}`,
      exitCode: ExitCode.USAGE,
    });
  if (/before the history begins/.test(r.reason)) return { kind: "before-history" };
  throw new ObsError("POINT_NOT_FOUND", `${flag} ${r.reason}`, {
    hint: `the history runs from ${entries[0]?.e ?? "nowhere"} to ${entries.at(-1)?.e ?? "nowhere"}`,
    exitCode: ExitCode.NOT_FOUND,
  });
}
