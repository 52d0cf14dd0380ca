// Cursor pagination for listings (Anthropic after_id/has_more, Gemini pageToken): follow the
// cursor until the last page, but never forever: a page cap, and a cursor that does not move or
// comes back is a bad response rather than a loop.
import { fail, type Outcome, ok } from "../outcome.js";

export interface Page {
  items: readonly unknown[];
  /** More pages follow. */
  more: boolean;
  /** The cursor for the next page (required when `more`). */
  next?: string | undefined;
}

export async function collectPages(
  where: { provider: string; maxPages: number },
  fetchPage: (cursor: string | undefined) => Promise<Outcome<Page>>,
): Promise<Outcome<{ entries: unknown[]; pages: number }>> {
  const entries: unknown[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let pages = 0; ; ) {
    if (pages >= where.maxPages) {
      return fail({
        kind: "bad_response",
        provider: where.provider,
        message: `${where.provider} list models: still paging after ${pages} pages`,
      });
    }
    const page = await fetchPage(cursor);
    if (!page.ok) return page;
    pages++;
    entries.push(...page.value.items);
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
