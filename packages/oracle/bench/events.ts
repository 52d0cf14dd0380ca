// An events.jsonl of n lines, appended through core's appendEvents (validated, as a writer
// would), stamped with the committed epoch so every line counts as committed history.
import { appendEvents, type ObsEvent } from "@observatory/core";

export async function appendBenchmarkEvents(
  dir: string,
  epochId: string,
  n: number,
): Promise<void> {
  const batch = 50_000;
  for (let done = 0; done < n; done += batch) {
    const events: ObsEvent[] = Array.from({ length: Math.min(batch, n - done) }, (_, i) => ({
      v: 2,
      type: "BENCHMARK_RESULT",
      epoch_id: epochId,
      ts: "2026-01-01T00:00:00.000Z",
      severity: "INFO",
      provider: "prov0",
      model_id: `model-${String((done + i) % 1000).padStart(5, "0")}`,
      probe: "echo",
      tier: 1,
      verdict: "MATCH",
      value: "ok",
      calls: 1,
    }));
    await appendEvents(dir, events, { maxBytes: Number.MAX_SAFE_INTEGER });
  }
}
