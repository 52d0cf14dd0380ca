import { describe, expect, it } from "vitest";
import { ok } from "../outcome.js";
import { collectPages, type Page } from "./pages.js";

const where = { provider: "anthropic", maxPages: 5 };
const serve = (pages: Record<string, Page>) => async (cursor: string | undefined) =>
  ok(pages[cursor ?? ""]!);

describe("collectPages", () => {
  it("follows the cursor to the last page", async () => {
    const r = await collectPages(
      where,
      serve({
        "": { items: [1, 2], more: true, next: "a" },
        a: { items: [3], more: true, next: "b" },
        b: { items: [4], more: false },
      }),
    );
    expect(r).toEqual({ ok: true, value: { entries: [1, 2, 3, 4], pages: 3 } });
  });

  it("refuses a cursor that is missing or comes back, instead of looping", async () => {
    const missing = await collectPages(where, serve({ "": { items: [1], more: true } }));
    const loop = await collectPages(
      where,
      serve({
        "": { items: [1], more: true, next: "a" },
        a: { items: [2], more: true, next: "a" },
      }),
    );
    for (const r of [missing, loop])
      expect(r).toMatchObject({ ok: false, error: { kind: "bad_response" } });
  });

  it("stops at the page cap", async () => {
    let n = 0;
    const r = await collectPages(where, async () =>
      ok({ items: [n], more: true, next: String(++n) }),
    );
    expect(r).toMatchObject({
      ok: false,
      error: { message: "anthropic list models: still paging after 5 pages" },
    });
  });
});
