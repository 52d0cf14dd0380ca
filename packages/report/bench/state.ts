// The bench's state directory, built in seconds: 1,000 models (10 providers x 100) over 10,000
// hourly epochs, the history written with core's own derivation and store (epochChanges,
// extendHistory: real tuples, real sealed segments) and named by one epoch committed through
// core's writer, as obs-poll's commit would have; a drift event every 25 epochs (a behavioural
// drift every 100) in the event log. The history's shape follows cli-history's bench (about 2.5
// field changes an epoch, mostly prices).
import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  canonicalJson,
  epochChanges,
  epochTime,
  extendHistory,
  type HistoryEntry,
  type HistoryHead,
  type ModelRecord,
  nextEpochId,
  openStateWriter,
  type Snapshot,
  sha256Hex,
} from "@observatory/core";

const HOUR = 3_600_000;
const START = Date.parse("2025-01-01T00:00:00Z");
const SEVERITIES = ["INFO", "LOW", "MEDIUM", "WARN", "HIGH"] as const;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

function model(i: number, r: () => number): ModelRecord {
  return {
    id: `model-${String(i).padStart(5, "0")}`,
    name: `Model ${i}`,
    context_length: 8192 * (1 + Math.floor(r() * 16)),
    pricing: { prompt: (r() * 1e-5).toPrecision(3), completion: (r() * 3e-5).toPrecision(3) },
  };
}

const snapshot = (provider: string, models: ModelRecord[]): Snapshot => ({
  schema: "observatory.snapshot/1",
  provider,
  fingerprint_scheme: "semantic-v1",
  models,
});

export async function buildBenchState(
  dir: string,
  epochs: number,
  providers = 10,
  perProvider = 100,
): Promise<void> {
  const r = rng(19);
  const listings = Array.from({ length: providers }, () =>
    Array.from({ length: perProvider }, (_, i) => model(i, r)),
  );
  const world = Object.fromEntries(listings.map((m, p) => [`p${p}`, snapshot(`p${p}`, m)]));
  let time = START;
  let e = nextEpochId(new Date(time), null);
  const entries: HistoryEntry[] = [{ e, b: true, c: epochChanges(null, world) }];
  const events: string[] = [];
  for (let k = 1; k < epochs; k++) {
    const before: Record<string, Snapshot> = {};
    const after: Record<string, Snapshot> = {};
    const due = Math.round(5 * r());
    for (let d = 0; d < due; d++) {
      const p = Math.floor(r() * providers);
      const i = Math.floor(r() * perProvider);
      const was = listings[p]![i]!;
      const now =
        r() < 0.7
          ? { ...was, pricing: { ...was.pricing, prompt: (r() * 1e-5).toPrecision(3) } }
          : { ...was, context_length: 8192 * (1 + Math.floor(r() * 16)) };
      listings[p]![i] = now;
      before[`p${p}`] = snapshot(`p${p}`, [...(before[`p${p}`]?.models ?? []), was]);
      after[`p${p}`] = snapshot(`p${p}`, [...(after[`p${p}`]?.models ?? []), now]);
    }
    time += HOUR;
    e = nextEpochId(new Date(time), e);
    const c = epochChanges(before, after);
    entries.push(c.length > 0 ? { e, c } : { e });
    if (k % 25 === 0) events.push(eventLine(e, k, r));
  }
  const opened = await openStateWriter(dir, {
    tool: "bench",
    version: "0",
    now: () => new Date(time + HOUR),
  });
  if (!opened.ok) throw new Error(opened.message);
  try {
    await opened.writer.commit({
      fingerprintScheme: "semantic-v1",
      providers: { bench: { snapshot: snapshot("bench", [{ id: "tiny" }]) } },
      events: [],
    });
  } finally {
    await opened.writer.close();
  }
  let head: HistoryHead | null = null;
  let hash = "";
  for (let i = 0; i < entries.length; i += 40)
    ({ head, hash } = await extendHistory(dir, head, entries.slice(i, i + 40)));
  const pointerFile = join(dir, "current_epoch.json");
  const pointer = JSON.parse(await readFile(pointerFile, "utf8"));
  const manifestFile = join(dir, "epochs", `${pointer.epoch_id}.json`);
  const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
  manifest.history = hash;
  const bytes = canonicalJson(manifest);
  await writeFile(manifestFile, bytes);
  pointer.manifest_hash = sha256Hex(bytes);
  await writeFile(pointerFile, `${JSON.stringify(pointer)}\n`);
  // Older than the commit's own lines would be, but the log is read whole and filtered by epoch.
  await appendFile(join(dir, "events.jsonl"), events.join(""));
}

function eventLine(e: string, k: number, r: () => number): string {
  const base = {
    v: 2,
    epoch_id: e,
    ts: epochTime(e).toISOString(),
    provider: `p${Math.floor(r() * 10)}`,
    model_id: `model-${String(Math.floor(r() * 100)).padStart(5, "0")}`,
  };
  const event =
    k % 100 === 0
      ? {
          ...base,
          severity: "HIGH",
          type: "BEHAVIOR_DRIFT",
          probe: "json_format",
          tier: 2,
          evidence: {
            old_value: '{"a":1}',
            new_value: '{"a": 1}',
            rule: "streak",
            samples: ['{"a": 1}', '{"a": 1}', '{"a": 1}'],
            streak: 3,
            window_frequency: 1,
            window_size: 3,
          },
        }
      : {
          ...base,
          severity: SEVERITIES[Math.floor(r() * SEVERITIES.length)],
          type: "BENCHMARK_VARIANT",
          probe: "arithmetic",
          tier: 1,
          baseline: "42",
          samples: ["42", "41"],
        };
  return `${JSON.stringify(event)}\n`;
}
