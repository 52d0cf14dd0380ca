import { describe, expect, it } from "vitest";
import { DEFAULT_BUDGETS } from "../budgets.js";
import { ok } from "../outcome.js";
import { ListingBudget } from "./budget.js";
import { collectPages, type Page } from "./pages.js";

const where = () => ({
  provider: "anthropic",
  budget: new ListingBudget("anthropic", { ...DEFAULT_BUDGETS, pages: 5 }),
});
const same = (x: unknown) => x;
const serve = (pages: Record<string, Page>) => async (cursor: string | undefined) =>
  ok(pages[cursor ?? ""]!);

describe("collectPages", () => {
  it("follows the cursor to the last page", async () => {
    const r = await collectPages(
      where(),
      serve({
        "": { items: [1, 2], more: true, next: "a" },
        a: { items: [3], more: true, next: "b" },
        b: { items: [4], more: false },
      }),
      same,
    );
    expect(r).toEqual({ ok: true, value: { entries: [1, 2, 3, 4], pages: 3 } });
  });

  it("refuses a cursor that is missing or comes back, instead of looping", async () => {
    const missing = await collectPages(where(), serve({ "": { items: [1], more: true } }), same);
    const loop = await collectPages(
      where(),
      serve({
        "": { items: [1], more: true, next: "a" },
        a: { items: [2], more: true, next: "a" },
      }),
      same,
    );
    for (const r of [missing, loop])
      expect(r).toMatchObject({ ok: false, error: { kind: "bad_response" } });
  });

  it("stops at the pages budget, asking for no page past it", async () => {
    let n = 0;
    const r = await collectPages(
      where(),
      async () => ok({ items: [n], more: true, next: String(++n) }),
      same,
    );
    expect(n).toBe(5);
    expect(r).toMatchObject({
      ok: false,
      error: {
        kind: "over_budget",
        budget: "pages",
        limit: 5,
        message:
          "anthropic list models: over budget: more than 5 pages (raise OBS_BUDGET_PAGES or the budgets.pages option)",
      },
    });
  });

  it("takes a 200,000-item page without spreading it into arguments", async () => {
    const items = Array.from({ length: 200_000 }, (_, i) => i);
    const budget = new ListingBudget("anthropic", { ...DEFAULT_BUDGETS, models: 300_000 });
    const r = await collectPages(
      { provider: "anthropic", budget },
      async () => ok({ items, more: false }),
      same,
    );
    expect(r.ok && r.value.entries).toHaveLength(200_000);
  });
});
