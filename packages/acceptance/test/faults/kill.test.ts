// The fault suite's kill loop: obs-poll and obs-bench SIGKILLed at random moments, at least 100
// times (OBS_ACCEPTANCE_KILLS to change it), two lanes side by side. After each kill the state
// verifies, nothing acknowledged is lost, and the next run succeeds (see kill-lane.ts).
import { describe, expect, it } from "vitest";
import { rng, suiteSeed } from "../../src/_support/rng.js";
import { type KillRecord, killLane } from "./kill-lane.js";

const KILLS = Number(process.env["OBS_ACCEPTANCE_KILLS"] ?? 100);
const LANES = 2;

function tally(records: readonly KillRecord[], key: (k: KillRecord) => string | undefined) {
  const out: Record<string, number> = {};
  for (const k of records) {
    const v = key(k);
    if (v !== undefined) out[v] = (out[v] ?? 0) + 1;
  }
  return out;
}

describe("fault suite: SIGKILL", () => {
  it(`obs-poll and obs-bench survive ${KILLS} SIGKILLs at random moments`, {
    timeout: 900_000,
  }, async () => {
    const seed = suiteSeed("kill loop");
    const started = Date.now();
    const lanes = await Promise.all(
      Array.from({ length: LANES }, (_, i) =>
        killLane(
          rng(seed ^ Math.imul(i + 1, 0x9e3779b9)),
          Math.ceil(KILLS / LANES),
          `lane ${i} (seed ${seed})`,
        ),
      ),
    );
    const all = lanes.flat();
    const killed = all.filter((k) => k.landing);
    console.info(
      [
        `kill loop: ${killed.length} SIGKILLs in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed})`,
        `  by tool: ${JSON.stringify(tally(killed, (k) => k.tool))}`,
        `  by strategy: ${JSON.stringify(tally(killed, (k) => k.strategy))}`,
        `  where they landed: ${JSON.stringify(tally(killed, (k) => k.landing))}`,
        `  runs that finished before their kill: ${JSON.stringify(
          tally(
            all.filter((k) => !k.landing),
            (k) => k.strategy,
          ),
        )}`,
        `  epochs recorded as aborted by the next run: ${all.filter((k) => k.aborted).length}`,
      ].join("\n"),
    );
    expect(killed.length).toBeGreaterThanOrEqual(KILLS);
    const byTool = tally(killed, (k) => k.tool);
    expect(byTool["obs-poll"]).toBeGreaterThan(KILLS / 4);
    expect(byTool["obs-bench"]).toBeGreaterThan(KILLS / 4);
    // Most kills hit a run that held the lock (the ones that matter for the state).
    expect(killed.filter((k) => k.landing !== "before the lock").length).toBeGreaterThan(KILLS / 2);
  });
});
