// The fault suite's crowd: several writers started together, round after round, with random
// start jitter. Per round exactly one commits (on top of the previous round's epoch); the others
// skip with exit 4, print no records and leave no trace in the state.
import { readEvents } from "@observatory/core";
import { describe, expect, it } from "vitest";
import {
  ackedEpoch,
  crashSigns,
  type Ended,
  nothingCommitted,
} from "../../src/_support/process.js";
import { between, rng, suiteSeed } from "../../src/_support/rng.js";
import { checkState } from "../../src/_support/verify-state.js";
import { sleep } from "../../src/_support/wait.js";
import { world } from "../../src/_support/world.js";

const ROUNDS = 3;
const CROWD = 4;

describe("fault suite: concurrent writers", () => {
  it(`${CROWD} obs-poll started together, ${ROUNDS} rounds: one commits per round, the rest exit 4`, {
    timeout: 120_000,
  }, async () => {
    const r = rng(suiteSeed("concurrent writers"));
    const w = await world({ scenario: { seed: 31 }, providers: ["openai", "mistral"] });
    expect((await w.run("obs-poll", ["--no-canary"])).code).toBe(0);
    let previous = (await checkState(w.stateDir)).epochId!;
    for (let round = 1; round <= ROUNDS; round++) {
      // Each round lists a new model, so the winner's events say which round committed.
      w.server.scenario.set({
        seed: 31,
        latencyMs: 2000,
        catalogs: {
          openai: { add: [{ fromPoll: 1, models: [{ id: `round-${round}`, object: "model" }] }] },
        },
      });
      const runs: Array<Promise<Ended>> = [];
      for (let i = 0; i < CROWD; i++) {
        runs.push(w.run("obs-poll", ["--no-canary"]));
        await sleep(between(r, 0, 60));
      }
      const ended = await Promise.all(runs);
      for (const e of ended) expect(crashSigns(e)).toEqual([]);
      expect(ended.map((e) => e.code).sort(), `round ${round}`).toEqual([0, 4, 4, 4]);
      const winner = ended.find((e) => e.code === 0)!;
      for (const loser of ended.filter((e) => e.code === 4)) {
        expect(nothingCommitted(loser)).toBe("locked");
        expect(loser.stderr).toMatch(/skipped: another instance holds the lock/);
      }
      const state = await checkState(w.stateDir);
      expect(state.problems).toEqual([]);
      expect(state.tempFiles).toEqual([]);
      expect(state.epochId).toBe(ackedEpoch(winner)!.epochId);
      expect(state.chain[1]).toBe(previous);
      previous = state.epochId!;
    }
    // The log holds one round's worth of events per round: nothing from the skipped runs.
    const { events } = await readEvents(w.stateDir, { committedThrough: previous });
    const added = events.filter((e) => e.type === "MODEL_ADDED" && e.model_id.startsWith("round-"));
    expect(added.map((e) => (e.type === "MODEL_ADDED" ? e.model_id : ""))).toEqual(
      Array.from({ length: ROUNDS }, (_, i) => `round-${i + 1}`),
    );
  });
});
