// Runs one call per item with at most `limit` in flight, results in item order. After the first
// failure no new call starts (the listing has failed; the rest would only cost the provider).
import { type Outcome, ok } from "../outcome.js";

export async function boundedMap<T, R>(
  items: readonly T[],
  limit: number,
  call: (item: T) => Promise<Outcome<R>>,
): Promise<Outcome<R[]>> {
  const results: R[] = new Array(items.length);
  let next = 0;
  // The failure of the lowest-numbered item seen, so the report does not depend on timing alone.
  const failed: { index: number; out?: Outcome<R[]> } = { index: Number.POSITIVE_INFINITY };
  const worker = async () => {
    while (failed.out === undefined && next < items.length) {
      const index = next++;
      const out = await call(items[index]!);
      if (out.ok) results[index] = out.value;
      else if (index < failed.index) Object.assign(failed, { index, out });
    }
  };
  const workers: Promise<void>[] = [];
  for (let i = 0; i < Math.min(limit, items.length); i++) workers.push(worker());
  await Promise.all(workers);
  return failed.out ?? ok(results);
}
