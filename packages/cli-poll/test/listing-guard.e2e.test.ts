// Suspect listings and canary floods, end to end over several runs: a 200 listing that empties
// a provider is held (previous snapshot carried, no removal flood, no re-add flood on recovery),
// a shrink that persists is accepted, and canaries are capped per poll with the rest owed to
// later runs. What is owed and how long a shrink has lasted survive between runs in the state.
import { readCurrentEpoch } from "@observatory/core";
import { loadRecorded } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { committedOf, harness, ofType } from "./harness.js";

const SOURCE = "openrouter/models-2025-11-07";
const ROUTER = loadRecorded<{ data: Array<{ id: string }> }>(SOURCE).data;
const ROUTER_IDS = ROUTER.map((m) => m.id);
const bulk = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `bulk-${String(i).padStart(3, "0")}`,
    object: "model",
    owned_by: "openai",
  }));
const BULK_IDS = bulk(30).map((m) => m.id);

describe("obs-poll: suspect listings and canary floods", () => {
  it("a listing that suddenly empties is LISTING_SUSPECT: carried forward, no removals, and no re-add flood on recovery", async () => {
    const h = await harness(
      {
        seed: 1,
        catalogs: {
          openrouter: {
            source: SOURCE,
            remove: [{ fromPoll: 2, ids: ROUTER_IDS }],
            add: [{ fromPoll: 3, models: ROUTER }],
          },
        },
      },
      ["openrouter"],
    );
    expect((await h.run("obs-poll")).code).toBe(0);
    h.server.scenario.advance();
    const empty = await h.run("obs-poll");
    expect(empty.code).toBe(0);
    expect(ofType(empty, "MODEL_REMOVED")).toEqual([]);
    expect(ofType(empty, "LISTING_SUSPECT")).toEqual([
      expect.objectContaining({
        severity: "WARN",
        provider: "openrouter",
        previous_models: ROUTER_IDS.length,
        listed_models: 0,
        streak: 1,
        polls_required: 2,
      }),
    ]);
    expect(committedOf(empty)).toMatchObject({ providers: { openrouter: "carried_forward" } });
    const kept = (await readCurrentEpoch(h.stateDir)).epoch?.snapshots["openrouter"]?.models;
    expect(kept).toHaveLength(ROUTER_IDS.length);
    expect(empty.stderr).toContain("suspect");

    h.server.scenario.advance();
    const back = await h.run("obs-poll");
    expect(committedOf(back)).toMatchObject({ providers: { openrouter: "fresh" } });
    expect(ofType(back, "MODEL_ADDED")).toEqual([]);
    expect(ofType(back, "CANARY_RESULT")).toEqual([]);
    expect(ofType(back, "LISTING_SUSPECT")).toEqual([]);
  });

  it("a shrink that persists for OBS_SUSPECT_POLLS polls is accepted: then the removals are reported", async () => {
    const gone = ROUTER_IDS.slice(0, 200);
    const h = await harness(
      {
        seed: 1,
        catalogs: { openrouter: { source: SOURCE, remove: [{ fromPoll: 2, ids: gone }] } },
      },
      ["openrouter"],
    );
    await h.run("obs-poll");
    const removedPerPoll: number[] = [];
    const suspectPerPoll: number[] = [];
    for (let poll = 2; poll <= 4; poll++) {
      h.server.scenario.advance();
      const r = await h.run("obs-poll", [], { OBS_SUSPECT_POLLS: "3" });
      expect(r.code).toBe(0);
      removedPerPoll.push(ofType(r, "MODEL_REMOVED").length);
      suspectPerPoll.push(ofType(r, "LISTING_SUSPECT").length);
    }
    // 200 of 340 gone (59% > 50%): held twice, accepted on the third poll in a row.
    expect(suspectPerPoll).toEqual([1, 1, 0]);
    expect(removedPerPoll).toEqual([0, 0, 200]);
    const now = (await readCurrentEpoch(h.stateDir)).epoch?.snapshots["openrouter"]?.models;
    expect(now).toHaveLength(ROUTER_IDS.length - 200);
  });

  it("canaries are capped per provider per poll; the rest run in later polls", async () => {
    const h = await harness(
      { seed: 1, catalogs: { openai: { add: [{ fromPoll: 2, models: bulk(30) }] } } },
      ["openai"],
    );
    await h.run("obs-poll");
    const canaried: string[][] = [];
    for (let poll = 2; poll <= 5; poll++) {
      h.server.scenario.advance();
      const r = await h.run("obs-poll", [], { OBS_CANARY_MAX: "12" });
      expect(r.code).toBe(0);
      canaried.push(ofType(r, "CANARY_RESULT").map((e) => String(e["model_id"])));
    }
    expect(canaried.map((c) => c.length)).toEqual([12, 12, 6, 0]);
    expect(new Set(canaried.flat())).toEqual(new Set(BULK_IDS));
    const flag = await h.run("obs-poll", ["--canary-max", "-1"]);
    expect(flag.code).toBe(2);
  });

  it("an over-budget listing is that provider's POLL_ERROR, carried forward, and the others commit", async () => {
    const h = await harness({ seed: 1 }, ["openai", "mistral"]);
    expect((await h.run("obs-poll")).code).toBe(0);
    h.server.scenario.advance();
    // 10 openai models, 6 mistral: a budget of 8 models fails openai's listing only.
    const r = await h.run("obs-poll", [], { OBS_BUDGET_MODELS: "8" });
    expect(r.code).toBe(0);
    expect(ofType(r, "POLL_ERROR")).toEqual([
      expect.objectContaining({
        provider: "openai",
        error: expect.objectContaining({ kind: "over_budget" }),
      }),
    ]);
    expect(ofType(r, "MODEL_REMOVED")).toEqual([]);
    expect(committedOf(r)).toMatchObject({
      providers: { openai: "carried_forward", mistral: "fresh" },
    });
  });

  it("listing warnings (a duplicate id) are LISTING_WARNING events and in the summary", async () => {
    const h = await harness(
      {
        seed: 1,
        catalogs: {
          openai: {
            add: [{ fromPoll: 1, models: [{ id: "gpt-4o", object: "model", owned_by: "x" }] }],
          },
        },
      },
      ["openai"],
    );
    const r = await h.run("obs-poll");
    expect(r.code).toBe(0);
    const warnings = ofType(r, "LISTING_WARNING");
    expect(warnings).toEqual([expect.objectContaining({ provider: "openai", model_id: "gpt-4o" })]);
    expect(r.stderr).toContain("LISTING_WARNING");
  });
});
