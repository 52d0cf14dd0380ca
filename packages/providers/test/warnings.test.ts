// Numbers that do not fit a double and ids listed twice: kept deterministically, with a warning
// on the listing, so a poll never drops a field (a false MODEL_REMOVED) or flaps between polls.
import { modelFingerprint } from "@observatory/core";
import { afterEach, describe, expect, it } from "vitest";
import { createProvider, type Provider } from "../src/index.js";
import { jsonBody, rawServer } from "./raw-server.js";

const opened: Provider[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
});
async function list(body: string) {
  const srv = await rawServer(jsonBody(body));
  const p = createProvider("openrouter", {
    env: srv.env("openrouter", "/api/v1"),
    retry: { attempts: 1 },
  });
  opened.push(p);
  const out = await p.listModels();
  if (!out.ok) throw new Error(out.error.message);
  return out.value;
}

describe("numbers that are not finite safe numbers", () => {
  it("keeps a 2^60 context length as an exact decimal string, with a warning", async () => {
    const listing = await list(
      '{"data":[{"id":"huge","context_length":1152921504606846976,"pricing":{"prompt":"0.000001"}}]}',
    );
    expect(listing.models).toHaveLength(1);
    expect(listing.models[0]).toMatchObject({
      id: "huge",
      context_length_decimal: "1152921504606846976",
    });
    expect(listing.models[0]).not.toHaveProperty("context_length");
    expect(listing.warnings).toEqual([
      {
        code: "UNSAFE_NUMBER",
        model_id: "huge",
        message:
          'openrouter: model "huge": context_length 1152921504606846976 is not a safe integer; kept as the decimal string "1152921504606846976"',
      },
    ]);
    // The fingerprint sees the value: a later 2^61 is a change, not a removal.
    const twice = { ...listing.models[0]!, context_length_decimal: "2305843009213693952" };
    expect(modelFingerprint(twice)).not.toBe(modelFingerprint(listing.models[0]!));
  });

  it("keeps prices that overflow or lose precision as strings, with a warning", async () => {
    const listing = await list(
      '{"data":[{"id":"p","pricing":{"prompt":1e999,"completion":123456789012345678901,"image":0.5}}]}',
    );
    expect(listing.models[0]?.pricing).toEqual({
      prompt: "Infinity",
      completion: "123456789012345680000",
      image: 0.5,
    });
    expect(listing.warnings.map((w) => w.message)).toEqual([
      'openrouter: model "p": pricing.completion 123456789012345680000 is not a safe number; kept as the decimal string "123456789012345680000"',
      'openrouter: model "p": pricing.prompt Infinity is not a finite number; kept as the string "Infinity"',
    ]);
  });
});

describe("the same id listed twice", () => {
  const a = '{"id":"dup","name":"Alpha","pricing":{"prompt":"0.000001"}}';
  const b = '{"id":"dup","name":"Beta","pricing":{"prompt":"0.000002"}}';

  it("keeps one record whatever the order, and says so", async () => {
    const first = await list(`{"data":[{"id":"x"},${a},${b}]}`);
    const second = await list(`{"data":[${b},{"id":"x"},${a}]}`);
    expect(first.models.filter((m) => m.id === "dup")).toHaveLength(1);
    expect(second.models.find((m) => m.id === "dup")).toEqual(
      first.models.find((m) => m.id === "dup"),
    );
    expect(first.warnings).toEqual([
      {
        code: "DUPLICATE_ID",
        model_id: "dup",
        message:
          'openrouter: model "dup" is listed 2 times; one record is kept, chosen by content, not by list order',
      },
    ]);
    expect(second.warnings).toEqual(first.warnings);
  });
});

describe("one model's metadata is size-capped", () => {
  it("keeps pricing entries in key order up to the cap, the same whatever the order, with a marker", async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `tier_${String(i).padStart(5, "0")}`);
    const entry = (order: string[]) =>
      `{"id":"big","pricing":{${order.map((k) => `"${k}":"0.000001"`).join(",")}}}`;
    const forward = await list(`{"data":[${entry(keys)}]}`);
    const backward = await list(`{"data":[${entry([...keys].reverse())}]}`);
    const pricing = forward.models[0]?.pricing ?? {};
    expect(Object.keys(pricing).length).toBeLessThan(5_000);
    expect(pricing.tier_00000).toBe("0.000001");
    expect(pricing["[truncated]"]).toMatch(/^\d+ more entries$/);
    expect(JSON.stringify(forward.models[0]).length).toBeLessThanOrEqual(65_536 + 200);
    expect(backward.models[0]).toEqual(forward.models[0]);
    expect(forward.warnings).toEqual([
      {
        code: "METADATA_TRUNCATED",
        model_id: "big",
        message: expect.stringMatching(
          /^openrouter: model "big": metadata over the 65536-character cap per model; \d+ pricing entries and 0 capabilities left out$/,
        ),
      },
    ]);
  });
});
