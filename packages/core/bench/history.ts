// Model history figures (issue 18): what a year of hourly polls of 12 providers x 500 models
// costs on disk at a realistic change rate, and what one unchanged poll adds. Simulated through
// the writer's own history code (epochChanges, extendHistory: real derivation, real sealing,
// real files), without writing the snapshots themselves, which retention prunes anyway.
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordFigures, verdict } from "../../../bench/record.ts";
import {
  canonicalJson,
  epochChanges,
  extendHistory,
  type HistoryHead,
  type ModelRecord,
  nextEpochId,
  readHistory,
  type Snapshot,
} from "../src/index.js";

const PROVIDERS = 12;
const MODELS = 500;
const HOURS = 24 * 365;
/** 1% of models change a field per day. */
const CHANGES_PER_DAY = (PROVIDERS * MODELS) / 100;
const YEAR_TARGET = 50 * 1024 * 1024;
const UNCHANGED_TARGET = 200;
/** Unchanged polls measured after the year. */
const UNCHANGED = 2_000;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function model(p: number, i: number, r: () => number): ModelRecord {
  return {
    id: `vendor-${p}/model-${i}-${Math.floor(r() * 1e6)}`,
    name: `Vendor ${p} Model ${i}`,
    context_length: 8192 * (1 + Math.floor(r() * 16)),
    max_output_tokens: 4096,
    pricing: { prompt: (r() * 1e-5).toPrecision(3), completion: (r() * 3e-5).toPrecision(3) },
    capabilities: r() < 0.5 ? ["tools", "vision"] : ["tools"],
  };
}

/** One change to a random model: mostly prices, some context windows, names, and churn. */
function mutate(models: ModelRecord[], p: number, r: () => number): number {
  const i = Math.floor(r() * models.length);
  const m = { ...models[i]! };
  const kind = r();
  if (kind < 0.6) m.pricing = { ...m.pricing, prompt: (r() * 1e-5).toPrecision(3) };
  else if (kind < 0.75) m.context_length = 8192 * (1 + Math.floor(r() * 16));
  else if (kind < 0.85) m.name = `${m.name} (${Math.floor(r() * 100)})`;
  else if (kind < 0.92)
    m.capabilities = m.capabilities?.length === 1 ? ["tools", "vision"] : ["tools"];
  else {
    models.splice(i, 1, model(p, i, r)); // one model delisted, another listed in its place
    return i;
  }
  models[i] = m;
  return i;
}

const segmentSizes = new Map<string, number>();

/** What the history reachable from `head` occupies: its sealed segments and the head object. */
async function reachable(dir: string, head: HistoryHead): Promise<number> {
  let total = Buffer.byteLength(canonicalJson(head));
  for (const { hash } of head.segments) {
    let size = segmentSizes.get(hash);
    if (size === undefined) {
      size = (await stat(join(dir, "history", `${hash}.json`))).size;
      segmentSizes.set(hash, size);
    }
    total += size;
  }
  return total;
}

export async function runHistoryBench(): Promise<void> {
  // In memory where the machine has it: the figures are bytes, and 8,760 fsyncs on a disk
  // would time the disk, not the history.
  const base = await stat("/dev/shm").then(
    (st) => (st.isDirectory() ? "/dev/shm" : tmpdir()),
    () => tmpdir(),
  );
  const root = await mkdtemp(join(base, "obs-bench-history-"));
  const dir = join(root, "state");
  try {
    const r = rng(18);
    const listings: ModelRecord[][] = Array.from({ length: PROVIDERS }, (_, p) =>
      Array.from({ length: MODELS }, (_, i) => model(p, i, r)),
    );
    const sub = (p: number, models: ModelRecord[]): Snapshot => ({
      schema: "observatory.snapshot/1",
      provider: `p${p}`,
      fingerprint_scheme: "semantic-v1",
      models,
    });
    const current: Record<string, Snapshot | null> = Object.fromEntries(
      listings.map((models, p) => [`p${p}`, sub(p, models.slice())]),
    );
    let time = Date.parse("2026-01-01T00:00:00Z");
    let epoch = nextEpochId(new Date(time), null);
    let { head } = await extendHistory(dir, null, [
      { e: epoch, b: true, c: epochChanges(null, current) },
    ]);
    const baseline = await reachable(dir, head);

    const t0 = performance.now();
    let changes = 0;
    for (let hour = 1; hour < HOURS; hour++) {
      // A day's changes land in random hours of that day.
      const due = Math.round((CHANGES_PER_DAY / 24) * 2 * r());
      // Provider -> the records the hour changed, as they were before it.
      const touched = new Map<number, Map<number, ModelRecord>>();
      for (let k = 0; k < due; k++) {
        const p = Math.floor(r() * PROVIDERS);
        const was = listings[p]!.slice();
        const i = mutate(listings[p]!, p, r);
        const seen = touched.get(p) ?? new Map<number, ModelRecord>();
        if (!seen.has(i)) seen.set(i, was[i]!);
        touched.set(p, seen);
      }
      // The changed records alone diff to exactly the tuples the whole listings would (every
      // other record is the same on both sides), at a fraction of the canonicalisation.
      const before: Record<string, Snapshot | null> = {};
      const after: Record<string, Snapshot | null> = {};
      for (const [p, seen] of touched) {
        before[`p${p}`] = sub(p, [...seen.values()]);
        after[`p${p}`] = sub(
          p,
          [...seen.keys()].map((i) => listings[p]![i]!),
        );
      }
      time += 3_600_000;
      epoch = nextEpochId(new Date(time), epoch);
      const c = epochChanges(before, after);
      changes += c.length;
      ({ head } = await extendHistory(dir, head, [c.length > 0 ? { e: epoch, c } : { e: epoch }]));
    }
    const buildMs = performance.now() - t0;
    const total = await reachable(dir, head);
    const segments = head.segments.length;

    // Then a quiet spell: UNCHANGED polls in a row that change nothing, on top of the year.
    let unchangedBytes = 0;
    let worstUnchanged = 0;
    let yearHead = head;
    for (let k = 0; k < UNCHANGED; k++) {
      const was = await reachable(dir, yearHead);
      time += 3_600_000;
      epoch = nextEpochId(new Date(time), epoch);
      ({ head: yearHead } = await extendHistory(dir, yearHead, [{ e: epoch }]));
      const added = (await reachable(dir, yearHead)) - was;
      unchangedBytes += added;
      worstUnchanged = Math.max(worstUnchanged, added);
    }

    const t1 = performance.now();
    const read = await readHistory(dir, {
      history: (await extendHistory(dir, yearHead, [])).hash,
    } as Parameters<typeof readHistory>[1]);
    const readMs = performance.now() - t1;
    if (read.problems.length > 0 || read.entries.length !== HOURS + UNCHANGED)
      throw new Error(`history read back wrong: ${read.entries.length} entries`);

    const mean = unchangedBytes / UNCHANGED;
    const mib = (b: number) => `${(b / 2 ** 20).toFixed(2)} MiB`;
    recordFigures([
      {
        area: "history",
        figure: `history after a year of hourly polls (${PROVIDERS} x ${MODELS} models, 1%/day change)`,
        value: `${mib(total)} (${((total / YEAR_TARGET) * 100).toFixed(1)}% of target)`,
        target: "<= 50 MB",
        result: verdict(total <= YEAR_TARGET),
      },
      {
        area: "history",
        figure: `history an unchanged poll adds (mean of ${UNCHANGED}; worst, when it seals a segment)`,
        value: `${mean.toFixed(0)} B; ${worstUnchanged} B (ratio to target ${(mean / UNCHANGED_TARGET).toFixed(2)})`,
        target: "<= 200 B",
        result: verdict(mean <= UNCHANGED_TARGET),
      },
      {
        area: "history",
        figure: "reading a year's history back (every segment verified)",
        value: `${readMs.toFixed(0)} ms`,
        target: "",
        result: "info",
      },
    ]);
    console.log(
      `\nModel history: a simulated year (${PROVIDERS} providers x ${MODELS} models, hourly)`,
    );
    console.table([
      { figure: "epochs", value: HOURS },
      { figure: "field changes recorded", value: changes },
      { figure: "baseline (first epoch, every model)", value: mib(baseline) },
      { figure: "history after a year (segments + head)", value: mib(total) },
      { figure: "sealed segments", value: segments },
      { figure: "unchanged polls measured after it", value: UNCHANGED },
      { figure: "bytes per unchanged poll (mean)", value: mean.toFixed(1) },
      { figure: "bytes per unchanged poll (worst: sealing)", value: worstUnchanged },
      { figure: "simulating the year", value: `${(buildMs / 1000).toFixed(1)} s` },
      { figure: "reading it back, verified", value: `${readMs.toFixed(0)} ms` },
    ]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
