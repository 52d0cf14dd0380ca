// AC9: "Concurrent cron executions are prevented by PID lockfile." Ours is the proper-lockfile
// instance lock (observatory.lock/, refreshed while held, stale after a period, with a holder
// record of pid, host and process start time): a second writer skips with exit 4, a lock left by
// a killed process on this host is taken over at once, and a paused holder's once it is stale.
import { describe, expect, it } from "vitest";
import { instanceLockHeld } from "../../src/_support/instance-lock.js";
import { ackedEpoch, nothingCommitted } from "../../src/_support/process.js";
import { checkState } from "../../src/_support/verify-state.js";
import { sleep, waitUntil } from "../../src/_support/wait.js";
import { world } from "../../src/_support/world.js";

const SKIPPED = /skipped: another instance holds the lock/;
/** The stale period: long enough for the next runs to start within it. */
const STALE_MS = 4000;

describe("AC9", () => {
  it("AC9: of writers started together exactly one commits, the others exit 4; a killed holder's lock is taken at once, a paused one's once stale", async () => {
    const w = await world({ scenario: { seed: 9 }, providers: ["openai", "mistral"] });
    expect((await w.run("obs-poll", ["--no-canary"])).code).toBe(0);
    const before = await checkState(w.stateDir);

    // Cron fires three jobs at once; each listing takes 2 s, so they overlap.
    w.server.scenario.set({ seed: 9, latencyMs: 2000 });
    const runs = await Promise.all([
      w.run("obs-poll", ["--no-canary"]),
      w.run("obs-poll", ["--no-canary"]),
      w.run("obs-bench", ["--models", "openai/gpt-4o"]),
    ]);
    const winners = runs.filter((r) => r.code === 0);
    const skipped = runs.filter((r) => r.code === 4);
    expect(winners).toHaveLength(1);
    expect(skipped).toHaveLength(2);
    for (const r of skipped) {
      expect(r.stderr).toMatch(SKIPPED);
      expect(nothingCommitted(r)).toBe("locked");
    }
    const after = await checkState(w.stateDir);
    expect(after.problems).toEqual([]);
    expect(after.epochId).toBe(ackedEpoch(winners[0]!)!.epochId);
    expect(after.chain.slice(0, 2)).toEqual([after.epochId, before.epochId]);

    // A holder killed mid-run leaves its lock behind. Its pid is gone, so the next run (a cron
    // tick or a systemd restart right after the crash) takes it over at once: nothing skipped.
    const stale = { OBS_LOCK_STALE_MS: String(STALE_MS) };
    const victim = w.start("obs-poll", ["--no-canary"], { env: stale });
    await waitUntil(() => instanceLockHeld(w.stateDir), "the victim to take the lock");
    victim.child.kill("SIGKILL");
    const killedAt = Date.now();
    expect((await victim.ended).signal).toBe("SIGKILL");
    w.server.scenario.set({ seed: 9 });
    const early = await w.run("obs-poll", ["--no-canary"], { env: stale });
    expect(Date.now() - killedAt).toBeLessThan(STALE_MS);
    expect(early.code, early.stderr).toBe(0);
    const recovered = await checkState(w.stateDir);
    expect(recovered.problems).toEqual([]);
    expect(recovered.epochId).toBe(ackedEpoch(early)!.epochId);
    expect(recovered.chain[1]).toBe(after.epochId);

    // A holder that is alive but paused (SIGSTOP) may resume: refused while its lock is fresh,
    // taken once it is stale (and the paused run, resumed, commits nothing: its fence fails).
    const paused = w.start("obs-poll", ["--no-canary"], { env: stale });
    await waitUntil(() => instanceLockHeld(w.stateDir), "the paused run to take the lock");
    paused.child.kill("SIGSTOP");
    const pausedAt = Date.now();
    const refused = await w.run("obs-poll", ["--no-canary"], { env: stale });
    expect(Date.now() - pausedAt).toBeLessThan(STALE_MS);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(SKIPPED);
    // Past stale by 1.5 s: a new lock's mtime is proper-lockfile's precision probe, set to the
    // next whole second (up to 1 s ahead) until the first refresh, so 0.5 s was not always enough.
    await sleep(STALE_MS - (Date.now() - pausedAt) + 1_500);
    const late = await w.run("obs-poll", ["--no-canary"], { env: stale });
    expect(late.code, late.stderr).toBe(0);
    paused.child.kill("SIGCONT");
    expect((await paused.ended).code).toBe(4);
    const final = await checkState(w.stateDir);
    expect(final.problems).toEqual([]);
    expect(final.epochId).toBe(ackedEpoch(late)!.epochId);
    expect(final.chain[1]).toBe(recovered.epochId);
  });
});
