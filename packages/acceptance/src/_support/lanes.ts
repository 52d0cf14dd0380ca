// Runs independent jobs with bounded parallelism (the CI machine has two cores).
export async function inLanes<T, R>(
  items: readonly T[],
  lanes: number,
  job: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, worker));
  return results;
}
