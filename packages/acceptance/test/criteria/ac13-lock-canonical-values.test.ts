// AC13: "Experiment lockfiles store canonical baseline values, not binary response hashes.
// Lockfile invariant checks use MATCH/VARIANT/DRIFT logic, not binary comparison."
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { LockSchema } from "@observatory/core";
import { copyV1Tree } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { ofType } from "../../src/_support/process.js";
import { world } from "../../src/_support/world.js";

const M = "openai/gpt-4o";
const SHA256 = /\b[0-9a-f]{64}\b/;

describe("AC13", () => {
  it("AC13: locks hold canonical values; checks say MATCH for other spellings, VARIANT while unconfirmed, DRIFT only when confirmed", async () => {
    const w = await world({
      scenario: {
        seed: 13,
        answers: [
          // A real change of the tool call from poll 3 (AC7 covers sampling noise).
          {
            provider: "openai",
            model: "gpt-4o",
            prompt: 5,
            change: { fromPoll: 3, surfaces: ["get_weather('Tokyo', 'celsius')"] },
          },
        ],
      },
    });
    expect((await w.run("obs-poll", ["--no-canary", "--benchmark", "--models", M])).code).toBe(0);
    expect((await w.run("obs-lock", ["exp", "--models", M])).code).toBe(0);
    const text = await readFile(join(w.stateDir, "locks", "exp.lock.json"), "utf8");
    const lock = LockSchema.parse(JSON.parse(text));

    // Values, canonical: sorted JSON keys and a normalised call, though no model spelled them so.
    const baselines = lock.baselines[M]!;
    expect(baselines["json"]).toBe('{"name":"test","nested":{"ok":true},"values":[1,2,3]}');
    expect(baselines["tool_call"]).toBe('get_weather(city="Tokyo",units="celsius")');
    expect(baselines["sequence"]).toBe("8");
    for (const value of Object.values(baselines)) expect(value).not.toMatch(SHA256);
    // The only hashes in a lock identify the epoch and the structure, never an answer.
    const hashes = [lock.manifest_hash, lock.registry_hash, lock.model_ids_hash];
    expect(text.match(new RegExp(SHA256, "g"))?.sort()).toEqual(hashes.sort());

    const statuses: string[] = [];
    let last: Awaited<ReturnType<typeof w.run>> | undefined;
    for (let poll = 2; poll <= 5; poll++) {
      w.server.scenario.advance();
      const r = await w.pipe(["obs-bench", "--models", M], ["obs-check", "exp"]);
      const check = ofType(r, "LOCK_CHECK")[0]!;
      const tool = (check["pairs"] as Array<Record<string, unknown>>).find(
        (p) => p["probe"] === "tool_call",
      )!;
      statuses.push(String(tool["status"]));
      if (poll < 5) {
        expect(r.code, `poll ${poll}: ${r.stderr}`).toBe(0);
        expect(check["status"]).toBe("CLEAN");
      }
      last = r;
    }
    // Other spellings of the same value MATCH; the changed call is VARIANT while unconfirmed
    // (two polls), then a confirmed DRIFT that violates the lock.
    expect(statuses).toEqual(["MATCH", "VARIANT", "VARIANT", "DRIFT"]);
    expect(last!.code).toBe(1);
    expect(ofType(last!, "EXPERIMENT_DRIFT")).toHaveLength(1);
    expect(ofType(last!, "LOCK_CHECK")[0]).toMatchObject({ status: "VIOLATED" });

    // A v1 lock (response hashes only) cannot vouch for behaviour: UNLOCKED_BEHAVIORAL.
    const v1 = join(w.root, "v1");
    await copyV1Tree("fleet", v1);
    expect((await w.runIn(v1, "obs-migrate")).code).toBe(1);
    const old = await w.runIn(v1, "obs-check", ["prompt-ablation"]);
    expect(ofType(old, "LOCK_CHECK")[0]).toMatchObject({
      behavior: "UNLOCKED_BEHAVIORAL",
      pairs: [],
    });
    expect(old.stderr).toContain("UNLOCKED_BEHAVIORAL");
  });
});
