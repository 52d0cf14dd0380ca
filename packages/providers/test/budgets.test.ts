// Per-provider listing budgets: bytes, models, pages and time. Over budget is a typed failure
// for that provider (kind over_budget) naming the budget and how to raise it, never a crash or
// a listing held whole in memory.
import { describe, expect, it } from "vitest";
import { createProvider, type Outcome } from "../src/index.js";
import { harness } from "./helpers.js";
import { rawServer } from "./raw-server.js";

function overBudget(out: Outcome<unknown>) {
  if (out.ok) throw new Error("expected an over-budget failure");
  expect(out.error.kind).toBe("over_budget");
  return out.error;
}

describe("listing budgets", () => {
  it("bytes: a listing larger than the budget fails, naming the budget", async () => {
    const h = await harness();
    const out = await h.provider("openrouter", { budgets: { listingBytes: 50_000 } }).listModels();
    const error = overBudget(out);
    expect(error).toMatchObject({ budget: "listingBytes", limit: 50_000 });
    expect(error.message).toBe(
      "openrouter list models: over budget: more than 50000 bytes of listing (raise OBS_BUDGET_LISTING_BYTES or the budgets.listingBytes option)",
    );
  });

  it("bytes: an endless body is abandoned while streaming, not read whole", async () => {
    let stop = false;
    const srv = await rawServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data":[');
      const chunk = `${'{"id":"x"},'.repeat(6_000)}`;
      const pump = () => {
        while (!stop && res.write(chunk)) if (srv.sent > 200_000_000) return void res.end();
        if (!stop) res.once("drain", pump);
      };
      res.once("close", () => {
        stop = true;
      });
      pump();
    });
    const p = createProvider("openai", {
      env: srv.env("openai", "/v1"),
      budgets: { listingBytes: 1_000_000 },
      retry: { attempts: 1 },
    });
    const out = await p.listModels();
    await p.close();
    expect(overBudget(out).budget).toBe("listingBytes");
    // Socket buffers hold a few MB at most; the 200 MB body was never sent.
    expect(srv.sent).toBeLessThan(20_000_000);
  });

  it("models: more models than the budget fail the listing", async () => {
    const h = await harness();
    const out = await h.provider("openrouter", { budgets: { models: 100 } }).listModels();
    expect(overBudget(out)).toMatchObject({ budget: "models", limit: 100 });
  });

  it("pages: a provider that needs more pages than the budget fails", async () => {
    const h = await harness({ scenario: { catalogs: { anthropic: { maxPageSize: 3 } } } });
    const out = await h.provider("anthropic", { budgets: { pages: 2 } }).listModels();
    const error = overBudget(out);
    expect(error).toMatchObject({ budget: "pages", limit: 2 });
    expect(error.message).toBe(
      "anthropic list models: over budget: more than 2 pages (raise OBS_BUDGET_PAGES or the budgets.pages option)",
    );
    expect(h.server.scenario.calls({ provider: "anthropic" })).toHaveLength(2);
  });

  it("time: a listing slower than its time budget fails without waiting out the request", async () => {
    const h = await harness({ scenario: { providerLatencyMs: { xai: 5_000 } } });
    const started = performance.now();
    const out = await h.provider("xai", { budgets: { listingMs: 150 } }).listModels();
    expect(overBudget(out)).toMatchObject({ budget: "listingMs", limit: 150 });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("budgets come from OBS_BUDGET_* when the options do not set them", async () => {
    const h = await harness();
    const env = { ...h.server.env(), OBS_BUDGET_MODELS: "10", OBS_BUDGET_PAGES: "7" };
    const out = await h.provider("openrouter", { env }).listModels();
    expect(overBudget(out)).toMatchObject({ budget: "models", limit: 10 });
    const options = await h
      .provider("openrouter", { env, budgets: { models: 1_000 } })
      .listModels();
    expect(options.ok).toBe(true);
  });

  it("an OBS_BUDGET_* value that is not a positive integer is a usage error", () => {
    expect(() =>
      createProvider("openai", { env: { OPENAI_API_KEY: "k-1234", OBS_BUDGET_MODELS: "lots" } }),
    ).toThrow(/OBS_BUDGET_MODELS must be a positive integer/);
  });
});
