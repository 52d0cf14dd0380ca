// obs-poll's and obs-bench's per-provider state carried from one epoch to the next in the
// registry's `poll_state` (written with the epoch, through core's commit): core's fields (the
// suspect streak, the canaries owed) plus which BENCHMARK_MISSING findings were already
// reported, so a locked pair that stays missing is reported once, not on every poll.
import {
  type LoadedEpoch,
  type ProviderPollState,
  ProviderPollStateSchema,
} from "@observatory/core";
import { z } from "zod";

/** One BENCHMARK_MISSING finding as reported: again only when it changes. */
export const ReportedMissingSchema = z.object({
  lock: z.string(),
  model_id: z.string(),
  probe: z.string(),
  reason: z.string(),
});
export type ReportedMissing = z.infer<typeof ReportedMissingSchema>;

export const RunPollStateSchema = ProviderPollStateSchema.extend({
  /** Absent: nothing reported (registries before it existed). */
  missing_reported: z.array(ReportedMissingSchema).optional(),
});
export type RunPollState = z.infer<typeof RunPollStateSchema>;

export const EMPTY_POLL_STATE: ProviderPollState = { suspect_polls: 0, canaries_owed: [] };

/** The previous epoch's per-provider poll state; a damaged entry counts as none. */
export function pollStates(prev: LoadedEpoch | null): Record<string, RunPollState> {
  const raw = (prev?.registry as { poll_state?: unknown } | undefined)?.poll_state;
  const out: Record<string, RunPollState> = {};
  if (raw === null || typeof raw !== "object") return out;
  for (const [name, v] of Object.entries(raw)) {
    const r = RunPollStateSchema.safeParse(v);
    if (r.success) out[name] = r.data;
  }
  return out;
}
