// Test hook for the SIGKILL tests: OBS_MIGRATE_STALL_AT=<checkpoint> makes the bin stop forever
// at that point (after saying so on stderr), so a test can kill it exactly there.
import type { Checkpoint } from "./run/options.js";

export function stallHook(
  at: string | undefined,
): ((point: Checkpoint) => Promise<void>) | undefined {
  if (!at) return undefined;
  return async (point) => {
    if (point !== at) return;
    process.stderr.write(`obs-migrate: stalled at ${point} (OBS_MIGRATE_STALL_AT)\n`);
    await new Promise<never>(() => setInterval(() => undefined, 60_000));
  };
}
