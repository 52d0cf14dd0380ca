// Cursor pagination for listings (Anthropic after_id/has_more, Gemini pageToken): follow the
// cursor until the last page, but never forever: the listing's pages and models budgets, and a
// cursor that does not move or comes back is a bad response rather than a loop. Each page's
// items are mapped as they arrive, so a page's raw JSON is garbage once the next is asked for.
import { fail, type Outcome, ok } from "../outcome.js";
import type { ListingBudget } from "./budget.js";

export interface Page {
  items: readonly unknown[];
  /** More pages follow. */
  more: boolean;
  /** The cursor for the next page (required when `more`). */
  next?: string | undefined;
}

export async function collectPages<T>(
  where: { provider: string; budget: ListingBudget },
  fetchPage: (cursor: string | undefined) => Promise<Outcome<Page>>,
  map: (item: unknown) => T,
): Promise<Outcome<{ entries: T[]; pages: number }>> {
  const { budget } = where;
  const entries: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let pages = 0; ; ) {
    const overPages = budget.nextPage("list models");
    if (overPages) return fail(overPages);
    const page = await fetchPage(cursor);
    if (!page.ok) return page;
    pages++;
    const { items } = page.value;
    const overModels = budget.addModels(items.length, "list models");
    if (overModels) return fail(overModels);
    // A loop, not push(...items): spreading a 200,000-item page overflows the stack.
    for (const item of items) entries.push(map(item));
    if (!page.value.more) return ok({ entries, pages });
    const next = page.value.next;
    if (!next || seen.has(next)) {
      return fail({
        kind: "bad_response",
        provider: where.provider,
        message: `${where.provider} list models: more pages announced without a new cursor`,
      });
    }
    seen.add(next);
    cursor = next;
  }
}
