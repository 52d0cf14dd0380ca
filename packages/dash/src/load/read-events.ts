// The event log as the dashboard reads it: the newest events of committed epochs up to the one
// shown (never events of an epoch newer than it, or of an aborted one), newest first. Reading
// from the end keeps the cost proportional to what is shown, not to the log's size.
import {
  eventLogFiles,
  linesBackwards,
  type ObsEvent,
  parseEventLine,
  tailEvents,
} from "@observatory/core";

/** How many of the newest events the Events panel holds. */
export const EVENT_TAIL = 1000;

export function readEvents(stateDir: string, through: string): Promise<ObsEvent[]> {
  return tailEvents(stateDir, EVENT_TAIL, { committedThrough: through });
}

export type ExperimentDrift = Extract<ObsEvent, { type: "EXPERIMENT_DRIFT" }>;

/**
 * The newest EXPERIMENT_DRIFT logged for each lock, committed through `through`. Reads the log
 * backwards and stops at `since` (the oldest locked epoch): nothing older can be about a lock.
 */
export async function lastLockReports(
  stateDir: string,
  since: string,
  through: string,
): Promise<Map<string, ExperimentDrift>> {
  const out = new Map<string, ExperimentDrift>();
  const aborted = new Set<string>();
  const files = (await eventLogFiles(stateDir)).reverse();
  for (const file of files) {
    for await (const line of linesBackwards(file)) {
      const epoch = /"epoch_id":"([^"]+)"/.exec(line)?.[1];
      if (epoch !== undefined && epoch < since) return out;
      if (!/"type":"(EXPERIMENT_DRIFT|EPOCH_ABORTED)"/.test(line)) continue;
      const parsed = parseEventLine(line);
      if (parsed.kind !== "event") continue;
      const e = parsed.event;
      if (e.type === "EPOCH_ABORTED") aborted.add(e.aborted_epoch_id);
      if (e.type !== "EXPERIMENT_DRIFT" || e.epoch_id === null) continue;
      if (e.epoch_id > through || aborted.has(e.epoch_id) || out.has(e.lock)) continue;
      out.set(e.lock, e);
    }
  }
  return out;
}
