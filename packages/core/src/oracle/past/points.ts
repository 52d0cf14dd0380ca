// A point in the model history from what SDK code passes (an epoch id, a Date, or any form
// obs-diff accepts), through core's resolvePoint, as an error users can act on: a form it does
// not read is a usage error; an epoch the history does not hold is not found.
import { ExitCode, ObsError } from "../../errors.js";
import { resolvePoint } from "../../history/query.js";
import type { HistoryEntry } from "../../history/schema.js";
import { epochTime } from "../../state/epoch-id.js";
import { OracleErrorCode } from "../errors.js";

/**
 * An epoch id ("20261121T052029.123Z-0000"), a Date (the epoch current then), or a string as
 * obs-diff reads it: an ISO date or time (UTC unless it says), "@-N" (N epochs before the
 * newest), "7d" / "12h" / "30m" ago, or "now".
 */
export type HistoryPoint = string | Date;

export const POINT_FORMS =
  "an epoch id (20261121T052029.123Z-0000), a Date, an ISO date or time (2026-11-21, 2026-11-21T05:20Z; UTC unless it says), @-N (N epochs before the newest), 7d / 12h / 30m ago, or now";

export type Resolved = { kind: "epoch"; epochId: string } | { kind: "before-history" };

/** `what` names the argument in messages ("since", "valueAt's at"). */
export function resolve(
  entries: readonly HistoryEntry[],
  point: HistoryPoint,
  what: string,
  now: Date,
): Resolved {
  let spec: string;
  if (point instanceof Date) {
    if (Number.isNaN(point.getTime())) throw invalid(`${what}: an invalid Date`);
    spec = point.toISOString();
  } else if (typeof point === "string") {
    spec = point;
  } else {
    throw invalid(`${what}: expected ${POINT_FORMS}, got ${typeof point}`);
  }
  const r = resolvePoint(entries, spec, now);
  if (r.ok) return { kind: "epoch", epochId: r.epochId };
  if (/before the history begins/.test(r.reason)) return { kind: "before-history" };
  if (/expected an epoch id|not a valid date/.test(r.reason)) throw invalid(`${what} ${r.reason}`);
  throw new ObsError(OracleErrorCode.POINT_INVALID, `${what} ${r.reason}`, {
    hint: `the history runs from ${entries[0]?.e ?? "nowhere"} to ${entries.at(-1)?.e ?? "nowhere"}`,
    exitCode: ExitCode.NOT_FOUND,
  });
}

/** resolve(), where a point before the history begins is an error. */
export function resolveInside(
  entries: readonly HistoryEntry[],
  point: HistoryPoint,
  what: string,
  now: Date,
): string {
  const r = resolve(entries, point, what, now);
  if (r.kind === "epoch") return r.epochId;
  const first = entries[0]!.e;
  const shown = point instanceof Date ? point.toISOString() : point;
  throw new ObsError(
    OracleErrorCode.BEFORE_HISTORY,
    `${what} ${shown} is before the model history begins (${epochTime(first).toISOString()}, epoch ${first})`,
    {
      hint: "the history begins with the first commit that recorded it; nothing before it is known",
      exitCode: ExitCode.NOT_FOUND,
    },
  );
}

function invalid(message: string): ObsError {
  return new ObsError(OracleErrorCode.POINT_INVALID, message, {
    hint: `give ${POINT_FORMS}`,
    exitCode: ExitCode.USAGE,
  });
}
