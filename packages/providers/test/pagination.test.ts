// Listing follows every page: Anthropic's has_more/after_id and Gemini's nextPageToken.
import { describe, expect, it } from "vitest";
import { harness } from "./helpers.js";

describe("pagination", () => {
  it("follows Anthropic's has_more/after_id across pages", async () => {
    const h = await harness({ scenario: { catalogs: { anthropic: { maxPageSize: 3 } } } });
    const out = await h.provider("anthropic", { pageSize: 50 }).listModels();
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value.models).toHaveLength(8);
    expect(out.value.pages).toBe(3);
    const urls = h.server.scenario.calls({ provider: "anthropic" }).map((c) => c.url);
    expect(urls).toEqual([
      "/anthropic/v1/models?limit=50",
      "/anthropic/v1/models?limit=50&after_id=claude-haiku-4-5-20251001",
      "/anthropic/v1/models?limit=50&after_id=claude-3-7-sonnet-20250219",
    ]);
  });

  it("follows Gemini's nextPageToken across pages", async () => {
    const h = await harness();
    const out = await h.provider("google", { pageSize: 3 }).listModels();
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value.models.map((m) => m.id)).toContain("text-embedding-004");
    expect(out.value.models).toHaveLength(8);
    expect(out.value.pages).toBe(3);
  });

  it("retries a failed page without starting over, and fails the listing if the page keeps failing", async () => {
    const h = await harness({
      scenario: {
        catalogs: { google: { maxPageSize: 3 } },
        faults: [
          {
            provider: "google",
            route: "models",
            times: 1,
            probability: 1,
            fault: { type: "status", status: 503 },
          },
        ],
      },
    });
    const out = await h.provider("google").listModels();
    expect(out.ok && out.value.models).toHaveLength(8);
    expect(h.server.scenario.calls({ provider: "google" })).toHaveLength(4);

    h.server.scenario.set({
      catalogs: { google: { maxPageSize: 3 } },
      faults: [{ provider: "google", route: "models", fault: { type: "status", status: 500 } }],
    });
    const failed = await h.provider("google").listModels();
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.error).toMatchObject({ kind: "server", status: 500, attempts: 3 });
  });
});
