// One lane of the kill loop: a state directory and its fixture server, and cycles of "start
// obs-poll or obs-bench, SIGKILL it at a random moment, verify, run again to completion, verify".
// Lanes are independent, so two run side by side.
import { join } from "node:path";
import { listManifestIds, loadEpoch, readEvents } from "@observatory/core";
import type { ScenarioSpec } from "@observatory/test-fixtures";
import { expect } from "vitest";
import { firstChange } from "../../src/_support/fs-activity.js";
import { instanceLockHeld } from "../../src/_support/instance-lock.js";
import { ackedEpoch, type Ended } from "../../src/_support/process.js";
import { between, type Rng } from "../../src/_support/rng.js";
import { checkState } from "../../src/_support/verify-state.js";
import { sleep, waitUntil } from "../../src/_support/wait.js";
import { world } from "../../src/_support/world.js";

const M = "openai/gpt-4o";
const BENCH_MODELS = `${M},mistral/mistral-large-latest`;
/** Slow answers, so a run spends long enough on the network to be killed there. */
const LATENCY_MS = 60;

export type Landing =
  | "before the lock"
  | "holding the lock"
  | "mid-commit"
  | "after the pointer flip";
const STRATEGIES = ["any moment", "once it holds the lock", "once it writes"] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface KillRecord {
  tool: "obs-poll" | "obs-bench";
  strategy: Strategy;
  /** Absent when the run finished before the kill came. */
  landing?: Landing;
  /** The next run recorded the killed run's epoch as aborted. */
  aborted: boolean;
}

/** The world of cycle `i`: one new OpenAI model each cycle, so every commit has new objects. */
function scenario(i: number, latencyMs: number): ScenarioSpec {
  return {
    seed: 100 + i,
    latencyMs,
    catalogs: {
      openai: { add: [{ fromPoll: 1, models: [{ id: `gpt-cycle-${i}`, object: "model" }] }] },
    },
  };
}

const ARGS = {
  "obs-poll": ["--benchmark", "--models", M],
  "obs-bench": ["--models", BENCH_MODELS],
} as const;

export async function killLane(r: Rng, kills: number, label: string): Promise<KillRecord[]> {
  const w = await world({ scenario: scenario(0, 0), providers: ["openai", "mistral"] });
  const dir = w.stateDir;
  const ok = (res: Ended, what: string) =>
    expect(res.code, `${label} ${what}: ${res.stderr}`).toBe(0);
  ok(await w.run("obs-poll", ["--no-canary"]), "setup poll");
  ok(await w.run("obs-bench", ["--models", M]), "setup bench");
  ok(await w.run("obs-lock", ["pin", "--models", M]), "setup lock");
  const pinned = (await checkState(dir)).epochId!;
  const pinnedHash = (await checkState(dir)).manifestHash!;

  // How long a whole run of each tool takes here, and when it takes the lock, so kills can be
  // spread over the whole run or over the part that holds the lock.
  const duration = { "obs-poll": 0, "obs-bench": 0 };
  const locked = { "obs-poll": 0, "obs-bench": 0 };
  for (const tool of ["obs-poll", "obs-bench"] as const) {
    w.server.scenario.set(scenario(0, LATENCY_MS));
    const t = Date.now();
    const run = w.start(tool, [...ARGS[tool]]);
    await waitUntil(() => instanceLockHeld(dir), `${tool} to take the lock`, { everyMs: 2 });
    locked[tool] = Date.now() - t;
    ok(await run.ended, `calibration ${tool}`);
    duration[tool] = Date.now() - t;
  }

  const committed = new Set<string>((await checkState(dir)).chain);
  const acked: string[] = [];
  let torn = 0;
  const records: KillRecord[] = [];
  let cycle = 0;
  while (records.filter((k) => k.landing).length < kills) {
    cycle++;
    if (cycle > kills * 2) throw new Error(`${label}: too many runs finished before their kill`);
    const at = `${label} cycle ${cycle}`;
    const before = await checkState(dir);
    const tool = r() < 0.5 ? "obs-poll" : "obs-bench";
    // Strategies take turns, so each gets a third of the kills; tools and delays are random.
    const strategy = STRATEGIES[cycle % STRATEGIES.length]!;
    w.server.scenario.set(scenario(cycle, LATENCY_MS));
    const victim = w.start(tool, [...ARGS[tool]]);
    if (strategy === "any moment") await sleep(between(r, 0, 0.8 * duration[tool]));
    if (strategy === "once it holds the lock") {
      await waitUntil(
        async () => (await instanceLockHeld(dir)) || victim.child.exitCode !== null,
        "the lock",
        {
          everyMs: 2,
        },
      );
      await sleep(between(r, 0, 0.8 * (duration[tool] - locked[tool])));
    }
    if (strategy === "once it writes") {
      await firstChange([join(dir, "objects"), join(dir, "epochs")], victim.ended);
      await sleep(between(r, 0, 15));
    }
    victim.child.kill("SIGKILL");
    const end = await victim.ended;
    const killed = end.signal === "SIGKILL";
    const ack = ackedEpoch(end);
    if (ack) acked.push(ack.epochId);

    // Right after the kill, before anyone recovers: a reader finds a whole committed epoch.
    const held = await instanceLockHeld(dir);
    const dead = await checkState(dir);
    expect(dead.problems, at).toEqual([]);
    expect(dead.epochId! >= before.epochId!, at).toBe(true);
    committed.add(dead.epochId!);
    const pending = (await listManifestIds(dir)).some((id) => id > dead.epochId!);
    const flipped = dead.epochId !== before.epochId;
    const landing: Landing = flipped
      ? "after the pointer flip"
      : pending || dead.tempFiles.length > 0
        ? "mid-commit"
        : held
          ? "holding the lock"
          : "before the lock";

    // The next run, as cron would start it at once, succeeds on top of what the dead one left:
    // the lock of a holder that died on this host is taken over without waiting.
    w.server.scenario.set(scenario(cycle, 0));
    const next = await w.run("obs-poll", ["--no-canary"]);
    ok(next, `${at} (${tool} killed ${strategy}, ${landing}): next run`);
    const nextAck = ackedEpoch(next)!;
    acked.push(nextAck.epochId);
    const after = await checkState(dir);
    expect(after.problems, at).toEqual([]);
    expect(
      after.tempFiles.filter((f) => !f.startsWith("locks/")),
      at,
    ).toEqual([]);
    expect(after.epochId, at).toBe(nextAck.epochId);
    expect(after.chain[1], at).toBe(dead.epochId);
    committed.add(after.epochId!);
    // Nothing acknowledged is lost: every acknowledged epoch still kept is on the chain, and the
    // locked one is still readable whatever retention did.
    const oldestKept = after.chain.at(-1)!;
    for (const id of acked)
      if (id >= oldestKept) expect(after.chain, `${at}: acked ${id}`).toContain(id);
    expect((await loadEpoch(dir, pinned, pinnedHash)).ok, at).toBe(true);
    // Events of epochs that never committed are never read as committed.
    const log = await readEvents(dir, { committedThrough: after.epochId });
    for (const e of log.events)
      if (e.epoch_id !== null) expect(committed, `${at}: ${e.type}`).toContain(e.epoch_id);
    // A kill in the middle of an append may tear that line (tolerated on read); nothing else may.
    if (landing !== "mid-commit") expect(log.invalid, `${at}: torn event lines`).toBe(torn);
    torn = log.invalid;

    records.push({
      tool,
      strategy,
      ...(killed ? { landing } : {}),
      // Recovery stamps EPOCH_ABORTED with the epoch it found committed: the dead run's parent.
      aborted: log.events.some((e) => e.type === "EPOCH_ABORTED" && e.epoch_id === dead.epochId),
    });
  }
  return records;
}
