// obs-poll end to end: the built bin against the loopback scenario server.
import { RegistrySchema, readCurrentEpoch } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { committedOf, harness, ofType } from "./harness.js";

describe("obs-poll: one epoch per run", () => {
  it("commits an epoch and names it in the last NDJSON record", async () => {
    const h = await harness({ seed: 1 }, ["openai", "mistral"]);
    const r = await h.run("obs-poll");
    expect(r.code).toBe(0);
    const last = committedOf(r)!;
    expect(last).toMatchObject({
      type: "EPOCH_COMMITTED",
      tool: "obs-poll",
      providers: { openai: "fresh", mistral: "fresh" },
    });
    const state = await readCurrentEpoch(h.stateDir);
    expect(state.epoch?.epochId).toBe(last["epoch_id"]);
    expect(state.epoch?.manifestHash).toBe(last["manifest_hash"]);
    expect(ofType(r, "MODEL_ADDED")).toHaveLength(16);
    expect(r.records.slice(0, -1).every((e) => e["epoch_id"] === last["epoch_id"])).toBe(true);
  });

  it("a failing provider is carried forward: POLL_ERROR, no MODEL_REMOVED, no MODEL_ADDED flood on recovery", async () => {
    const h = await harness(
      {
        seed: 1,
        faults: [
          {
            provider: "mistral",
            route: "models",
            fromPoll: 2,
            untilPoll: 2,
            fault: { type: "status", status: 401 },
          },
        ],
      },
      ["openai", "mistral"],
    );
    await h.run("obs-poll");
    h.server.scenario.advance();
    const failed = await h.run("obs-poll");
    expect(failed.code).toBe(0); // a partial epoch is not an error
    expect(ofType(failed, "POLL_ERROR")).toEqual([
      expect.objectContaining({
        provider: "mistral",
        error: expect.objectContaining({ kind: "auth" }),
      }),
    ]);
    expect(ofType(failed, "MODEL_REMOVED")).toEqual([]);
    expect(committedOf(failed)).toMatchObject({
      providers: { mistral: "carried_forward", openai: "fresh" },
    });
    const mid = await readCurrentEpoch(h.stateDir);
    expect(mid.epoch?.snapshots["mistral"]?.models).toHaveLength(6);

    h.server.scenario.advance();
    const recovered = await h.run("obs-poll");
    expect(committedOf(recovered)).toMatchObject({ providers: { mistral: "fresh" } });
    expect(ofType(recovered, "MODEL_ADDED")).toEqual([]);
    expect(ofType(recovered, "MODEL_REMOVED")).toEqual([]);
  });

  it("a price or context change is as severe as it is large; OBS_SEVERITY_* moves the bar", async () => {
    const h = await harness(
      {
        seed: 4,
        catalogs: {
          openrouter: {
            patch: [
              // gpt-4o's prompt price 0.0000025 -> 8x; its context 128000 -> 64000.
              { fromPoll: 2, id: "openai/gpt-4o", set: { pricing: { prompt: "0.00002" } } },
              { fromPoll: 2, id: "openai/gpt-4o-2024-08-06", set: { context_length: 64000 } },
            ],
          },
        },
      },
      ["openrouter"],
    );
    await h.run("obs-poll", ["--no-canary"]);
    h.server.scenario.advance();
    // A bad threshold is a usage error before anything is polled: no epoch, no event.
    const bad = await h.run("obs-poll", ["--no-canary"], { OBS_SEVERITY_PRICE_RISE: "abc" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("OBS_SEVERITY_PRICE_RISE");
    expect(ofType(bad, "METADATA_CHANGED")).toEqual([]);
    const r = await h.run("obs-poll", ["--no-canary"]);
    const severities = Object.fromEntries(
      ofType(r, "METADATA_CHANGED").map((e) => [e["model_id"], e["severity"]]),
    );
    expect(severities).toEqual({ "openai/gpt-4o": "WARN", "openai/gpt-4o-2024-08-06": "WARN" });

    // With HIGH at 5x, the same 8x rise (seen again from a fresh state) is HIGH.
    const h2 = await harness(
      {
        seed: 4,
        catalogs: {
          openrouter: {
            patch: [{ fromPoll: 2, id: "openai/gpt-4o", set: { pricing: { prompt: "0.00002" } } }],
          },
        },
      },
      ["openrouter"],
    );
    await h2.run("obs-poll", ["--no-canary"]);
    h2.server.scenario.advance();
    const high = await h2.run("obs-poll", ["--no-canary"], { OBS_SEVERITY_PRICE_RISE_HIGH: "5" });
    expect(ofType(high, "METADATA_CHANGED")).toEqual([
      expect.objectContaining({ model_id: "openai/gpt-4o", severity: "HIGH" }),
    ]);
  });

  it("reordered lists and re-spelled prices raise nothing; a real price move is a field-level METADATA_CHANGED", async () => {
    const h = await harness(
      {
        seed: 3,
        catalogs: {
          openrouter: {
            reorder: { fromPoll: 2 },
            respell: { fromPoll: 2, floats: true, unicode: "NFD" },
            patch: [{ fromPoll: 3, id: "openai/gpt-4o", set: { pricing: { prompt: "0.000002" } } }],
            add: [
              {
                fromPoll: 3,
                models: [
                  {
                    id: "acme/new-model",
                    name: "Acme New",
                    context_length: 32768,
                    pricing: { prompt: "0.000001", completion: "0.000002" },
                  },
                ],
              },
            ],
            remove: [{ fromPoll: 3, ids: ["openai/gpt-4o-2024-08-06"] }],
          },
        },
      },
      ["openrouter"],
    );
    await h.run("obs-poll");
    h.server.scenario.advance();
    const noise = await h.run("obs-poll");
    expect(
      noise.records.filter((e) => e["type"] !== "EPOCH_COMMITTED" && e["type"] !== "RUN"),
    ).toEqual([]);
    h.server.scenario.advance();
    const change = await h.run("obs-poll");
    expect(ofType(change, "METADATA_CHANGED")).toEqual([
      expect.objectContaining({
        model_id: "openai/gpt-4o",
        changes: [{ path: "pricing.prompt", before: "0.0000025", after: "0.000002" }],
      }),
    ]);
    expect(ofType(change, "MODEL_ADDED").map((e) => e["model_id"])).toEqual(["acme/new-model"]);
    expect(ofType(change, "MODEL_REMOVED").map((e) => e["model_id"])).toEqual([
      "openai/gpt-4o-2024-08-06",
    ]);
    // New models get a canary call; a changed one only with --canary-changed.
    expect(ofType(change, "CANARY_RESULT")).toEqual([
      expect.objectContaining({ model_id: "acme/new-model", reason: "new", ok: true }),
    ]);
    const reg = RegistrySchema.parse((await readCurrentEpoch(h.stateDir)).epoch?.registry);
    expect(reg.models["openrouter/openai/gpt-4o-2024-08-06"]).toMatchObject({ present: false });
    expect(reg.models["openrouter/acme/new-model"]).toMatchObject({
      present: true,
      context_length: 32768,
      reliability: 1,
    });
    expect(change.stderr).toContain("pricing.prompt: 0.0000025 -> 0.000002");
  });

  it("--canary-changed also canaries models whose metadata changed", async () => {
    const h = await harness(
      {
        seed: 3,
        catalogs: {
          openrouter: {
            patch: [{ fromPoll: 2, id: "openai/gpt-4o", set: { context_length: 64000 } }],
          },
        },
      },
      ["openrouter"],
    );
    await h.run("obs-poll");
    h.server.scenario.advance();
    const r = await h.run("obs-poll", ["--canary-changed"]);
    expect(ofType(r, "CANARY_RESULT")).toEqual([
      expect.objectContaining({ model_id: "openai/gpt-4o", reason: "changed" }),
    ]);
  });

  it("a changed serving identity is IDENTITY_CHANGED", async () => {
    const h = await harness(
      {
        seed: 1,
        identities: [
          { provider: "openai", model: "gpt-4o", resolvedModel: "gpt-4o-2024-08-06" },
          { provider: "openai", model: "gpt-4o", fromPoll: 2, resolvedModel: "gpt-4o-2024-11-20" },
        ],
      },
      ["openai"],
    );
    await h.run("obs-poll", ["--benchmark", "--models", "openai/gpt-4o"]);
    h.server.scenario.advance();
    const r = await h.run("obs-poll", ["--benchmark", "--models", "openai/gpt-4o"]);
    expect(ofType(r, "IDENTITY_CHANGED")).toEqual([
      expect.objectContaining({
        model_id: "gpt-4o",
        field: "resolved_model",
        before: "gpt-4o-2024-08-06",
        after: "gpt-4o-2024-11-20",
        severity: "HIGH",
      }),
    ]);
  });
});
