// A crash must not skip the next runs. One poll per tick, as cron would run them; every other
// poll is SIGKILLed 0-60 ms after its last provider request answered, and one model is added to
// the catalogue each tick. The poll after a kill must not be skipped (the dead holder's lock is
// taken over at once), so every change is reported exactly once, in a committed epoch.
import { readEvents } from "@observatory/core";
import type { ScenarioSpec } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { between, rng, suiteSeed } from "../../src/_support/rng.js";
import { checkState } from "../../src/_support/verify-state.js";
import { sleep, waitUntil } from "../../src/_support/wait.js";
import { world } from "../../src/_support/world.js";

const TICKS = 12;
const PROVIDERS = ["openai", "mistral"] as const;

/** From poll 2 on, tick k adds model sweep-k. */
const sweep: ScenarioSpec = {
  seed: 21,
  latencyMs: 30,
  catalogs: {
    openai: {
      add: Array.from({ length: TICKS }, (_, k) => ({
        fromPoll: k + 2,
        models: [{ id: `sweep-${k + 2}`, object: "model" }],
      })),
    },
  },
};

describe("a crash sweep", () => {
  it(`${TICKS} ticks, every other poll killed after its last provider request: no run skipped, no change lost`, {
    timeout: 120_000,
  }, async () => {
    const r = rng(suiteSeed("crash-sweep"));
    const w = await world({ scenario: sweep, providers: [...PROVIDERS] });
    expect((await w.run("obs-poll", ["--no-canary"])).code).toBe(0);
    const codes: Array<number | null> = [];
    for (let tick = 2; tick <= TICKS + 1; tick++) {
      w.server.scenario.advance();
      const poll = w.server.scenario.poll;
      const answered = () =>
        PROVIDERS.every((p) =>
          w.server.scenario.calls({ provider: p }).some((c) => c.poll === poll && c.status > 0),
        );
      const run = w.start("obs-poll", ["--no-canary"]);
      if (tick % 2 === 0) {
        await waitUntil(async () => answered() || run.child.exitCode !== null, "the listings", {
          everyMs: 1,
        });
        await sleep(between(r, 0, 60));
        run.child.kill("SIGKILL");
      }
      const end = await run.ended;
      codes.push(end.code);
      if (tick % 2 === 1) expect(end.code, `tick ${tick}: ${end.stderr}`).toBe(0);
    }
    expect(codes.filter((c) => c === 4)).toEqual([]);
    const last = await w.run("obs-poll", ["--no-canary"]);
    expect(last.code, last.stderr).toBe(0);

    const state = await checkState(w.stateDir);
    expect(state.problems).toEqual([]);
    const events = await readEvents(w.stateDir, { committedThrough: state.epochId });
    const added = events.events
      .filter((e) => e.type === "MODEL_ADDED" && e.model_id.startsWith("sweep-"))
      .map((e) => (e.type === "MODEL_ADDED" ? e.model_id : ""))
      .sort();
    const expected = Array.from({ length: TICKS }, (_, k) => `sweep-${k + 2}`).sort();
    expect(added).toEqual(expected);
  });
});
