// A poll paused past the lock's stale period (SIGSTOP: a frozen VM, a sleeping laptop, a long GC)
// while it holds the lock, a second poll that takes over and commits with events, then the first
// resumed: the second's commit stays current and verified, and its events stay committed in
// events.jsonl. At several pause points: before listing, after the last provider request, and in
// the write tail.
import { readFile, utimes } from "node:fs/promises";
import { join } from "node:path";
import { readEvents } from "@observatory/core";
import type { ScenarioSpec } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { ackedEpoch } from "../../src/_support/process.js";
import { checkState } from "../../src/_support/verify-state.js";
import { waitUntil } from "../../src/_support/wait.js";
import { world } from "../../src/_support/world.js";

/** Where the first poll stops itself (core's OBS_TEST_STOP_AT points). */
const POINTS = [
  ["before listing", "locked"],
  ["after the last provider request", "objects"],
  ["in the write tail, before the manifest", "manifest"],
  ["in the write tail, after its events", "pointer"],
] as const;

const withModel = (id: string): ScenarioSpec => ({
  seed: 15,
  catalogs: { openai: { add: [{ fromPoll: 0, models: [{ id, object: "model" }] }] } },
});

async function stopped(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat.slice(stat.lastIndexOf(")") + 2).startsWith("T");
}

describe("a poll paused while it holds the lock, then resumed after another committed", () => {
  it.each(POINTS)("paused %s: the other's commit and events stand", async (_where, point) => {
    const w = await world({ scenario: { seed: 15 }, providers: ["openai", "mistral"] });
    expect((await w.run("obs-poll", ["--no-canary"])).code).toBe(0);

    w.server.scenario.set(withModel("gpt-paused-run"));
    const paused = w.start("obs-poll", ["--no-canary"], {
      env: { OBS_TEST_STOP_AT: point, OBS_LOCK_STALE_MS: "2000" },
    });
    await waitUntil(() => stopped(paused.child.pid!), "the first poll to stop", { everyMs: 5 });
    // It cannot refresh its lock while stopped; ageing the lock stands in for the stale period.
    const past = new Date(Date.now() - 60_000);
    await utimes(join(w.stateDir, "observatory.lock"), past, past);

    w.server.scenario.set(withModel("gpt-winner"));
    const winner = await w.run("obs-poll", ["--no-canary"], {
      env: { OBS_LOCK_STALE_MS: "2000" },
    });
    expect(winner.code, winner.stderr).toBe(0);
    const won = ackedEpoch(winner)!.epochId;

    paused.child.kill("SIGCONT");
    const resumed = await paused.ended;
    expect(resumed.code, resumed.stderr).toBe(4);
    expect(resumed.stderr).toMatch(/another writer took over the state directory's lock/);
    expect(ackedEpoch(resumed)).toBeNull();

    const state = await checkState(w.stateDir);
    expect(state.problems).toEqual([]);
    expect(state.epochId).toBe(won);
    const events = await readEvents(w.stateDir, { committedThrough: won });
    const added = events.events.filter((e) => e.type === "MODEL_ADDED");
    expect(added.map((e) => [e.epoch_id, e.model_id])).toContainEqual([won, "gpt-winner"]);
    expect(
      events.events.filter((e) => e.type === "EPOCH_ABORTED" && e.aborted_epoch_id === won),
    ).toEqual([]);

    // The next poll builds on the winner's epoch and aborts nothing of it.
    const next = await w.run("obs-poll", ["--no-canary"]);
    expect(next.code, next.stderr).toBe(0);
    const after = await checkState(w.stateDir);
    expect(after.chain).toContain(won);
    const later = await readEvents(w.stateDir, { committedThrough: after.epochId });
    expect(later.events.filter((e) => e.epoch_id === won && e.type === "MODEL_ADDED")).toEqual(
      added.filter((e) => e.epoch_id === won),
    );
  });
});
