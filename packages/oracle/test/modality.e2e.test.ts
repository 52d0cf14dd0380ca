// The report, end to end on OpenRouter's real listing: obs-poll canaries each new model
// once, and obs-oracle route picked a free music-generation model on a reliability of 1.00 from
// that one call. Now one call is not enough to route on, and text chat is the default modality.
import { loadRecorded } from "@observatory/test-fixtures";
import { describe, expect, it } from "vitest";
import { RouteRecordSchema } from "../src/records.js";
import { rig } from "./fixture.js";

const SOURCE = "openrouter/models-2026-08-22";
const MUSIC = "google/lyria-3-pro-preview";
const CHAT = "meta-llama/llama-3.1-8b-instruct";
const IMAGE = "google/gemini-2.5-flash-image";
const KEPT = [
  MUSIC,
  CHAT,
  IMAGE,
  "openai/gpt-audio-mini",
  "mistralai/mistral-small-3.2-24b-instruct",
];

describe("routing on OpenRouter's listing after one canary call per model", () => {
  it("needs more than one call, and never answers text chat with a music model", async () => {
    // Poll 1 sees one model (the first poll is the baseline: nothing is canaried); poll 2 adds
    // five, and each new model gets one canary call.
    const listing = loadRecorded<{ data: Array<{ id: string }> }>(SOURCE).data;
    const baseline = "openai/gpt-4o";
    const r = await rig(
      {
        seed: 3,
        catalogs: {
          openrouter: {
            source: SOURCE,
            remove: [
              { fromPoll: 1, ids: listing.map((m) => m.id).filter((id) => id !== baseline) },
            ],
            add: [{ fromPoll: 2, models: listing.filter((m) => KEPT.includes(m.id)) }],
          },
        },
      },
      ["openrouter"],
    );
    expect((await r.poll()).code).toBe(0);
    r.advance();
    const poll = await r.poll();
    expect(poll.code, poll.stderr).toBe(0);
    const route = async (...args: string[]) => {
      const out = await r.oracle(["route", ...args]);
      return { code: out.code, record: RouteRecordSchema.parse(JSON.parse(out.stdout)) };
    };

    // One canary call each: nothing has the five calls routing needs, and the answer says so.
    const first = await route();
    expect(first.code, JSON.stringify(first.record)).toBe(1);
    expect(first.record).toMatchObject({ model: null, excluded: { TOO_FEW_CALLS: 6 } });

    // Lowered to one call, the free music model would win on cost; it is not a text chat model.
    const cheap = await route("prefer=cost", "--min-calls", "1");
    expect(cheap.code, JSON.stringify(cheap.record.excluded)).toBe(0);
    expect(cheap.record.model?.key).not.toBe(`openrouter/${MUSIC}`);
    expect(cheap.record.model?.modalities?.output).toEqual(["text"]);
    expect(cheap.record.excluded).toMatchObject({ MODALITY: 3, TOO_FEW_CALLS: 1 });
    const music = await route("prefer=cost", "--min-calls", "1", "--modality", "audio");
    expect(music.record.model?.key).toBe(`openrouter/${MUSIC}`);
    const image = await route("--min-calls", "1", "--modality", "image");
    expect(image.record.model?.key).toBe(`openrouter/${IMAGE}`);

    // A benchmark run gives the chat model the calls it needs; routing then picks it unasked.
    const bench = await r.poll(["--no-canary", "--benchmark", "--models", `openrouter/${CHAT}`]);
    expect(bench.code, bench.stderr).toBe(0);
    const measured = await route();
    expect(measured.code).toBe(0);
    expect(measured.record.model?.key).toBe(`openrouter/${CHAT}`);
    expect(measured.record.model?.calls).toBeGreaterThanOrEqual(5);
  });
});
