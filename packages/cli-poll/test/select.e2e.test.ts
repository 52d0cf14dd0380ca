// Which providers a run polls, end to end: Ollama's reachability probe runs inside the instance
// lock (a run that is skipped touches no provider), and a named provider that fails is a poll
// error for that provider, not a usage error that throws the other providers' work away.
import { mkdir } from "node:fs/promises";
import { acquireInstanceLock, readCurrentEpoch } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { committedOf, harness, ofType } from "./harness.js";

describe("obs-poll: provider selection", () => {
  it("a run that finds the lock held makes no provider call, not even Ollama's probe", async () => {
    const h = await harness({ seed: 1 }, ["openai", "ollama"]);
    await mkdir(h.stateDir, { recursive: true });
    const held = await acquireInstanceLock(h.stateDir);
    if (!held.ok) throw new Error("could not take the lock");
    try {
      const r = await h.run("obs-poll", ["--providers", "ollama,openai"]);
      expect(r.code).toBe(4);
      const plain = await h.run("obs-poll");
      expect(plain.code).toBe(4);
      expect(h.server.scenario.calls()).toEqual([]);
    } finally {
      await held.lock.release();
    }
  });

  it("a named Ollama answering HTTP 500 is POLL_ERROR, carried forward, and the others commit", async () => {
    const h = await harness(
      {
        seed: 1,
        faults: [
          {
            provider: "ollama",
            route: "models",
            fromPoll: 2,
            fault: { type: "status", status: 500 },
          },
        ],
      },
      ["openai", "ollama"],
    );
    const first = await h.run("obs-poll", ["--providers", "ollama,openai"]);
    expect(first.code).toBe(0);
    expect(committedOf(first)).toMatchObject({
      providers: { ollama: "fresh", openai: "fresh" },
    });
    h.server.scenario.advance();
    const failed = await h.run("obs-poll", ["--providers", "ollama,openai"]);
    expect(failed.code).toBe(0);
    expect(ofType(failed, "POLL_ERROR")).toEqual([
      expect.objectContaining({
        provider: "ollama",
        error: expect.objectContaining({ status: 500 }),
      }),
    ]);
    expect(ofType(failed, "MODEL_REMOVED")).toEqual([]);
    expect(committedOf(failed)).toMatchObject({
      type: "EPOCH_COMMITTED",
      providers: { ollama: "carried_forward", openai: "fresh" },
    });
    const state = await readCurrentEpoch(h.stateDir);
    expect(state.epoch?.snapshots["ollama"]?.models.length).toBeGreaterThan(0);
  });

  it("only names that do not exist are usage errors", async () => {
    const h = await harness({ seed: 1 }, ["openai"]);
    const r = await h.run("obs-poll", ["--providers", "openai,nosuch"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nosuch/);
    expect(h.server.scenario.calls()).toEqual([]);
  });
});
