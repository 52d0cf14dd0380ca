// State directories for the bench, built in seconds: the history is written with core's own
// derivation and store (epochChanges, extendHistory: real tuples, real sealed segments), and one
// epoch committed through core's writer is pointed at it (its manifest names the head), as
// obs-poll's commit would have. The event logs are written as plain lines, in time order.
import { open, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  canonicalJson,
  epochChanges,
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
export const START = Date.parse("2025-01-01T00:00:00Z");

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

export function model(i: number, r: () => number): ModelRecord {
  return {
    id: `model-${String(i).padStart(5, "0")}`,
    name: `Model ${i}`,
    context_length: 8192 * (1 + Math.floor(r() * 16)),
    max_output_tokens: 4096,
    pricing: { prompt: (r() * 1e-5).toPrecision(3), completion: (r() * 3e-5).toPrecision(3) },
    capabilities: r() < 0.5 ? ["tools", "vision"] : ["tools"],
  };
}

export function snapshot(provider: string, models: ModelRecord[]): Snapshot {
  return { schema: "observatory.snapshot/1", provider, fingerprint_scheme: "semantic-v1", models };
}

/** Writes `entries` as a history (sealed the way the writer seals) and makes the current epoch,
 * committed at `commitAt`, name it. Returns the current epoch id. */
async function pointAt(
  dir: string,
  entries: readonly HistoryEntry[],
  commitAt: Date,
): Promise<string> {
  const opened = await openStateWriter(dir, { tool: "bench", version: "0", now: () => commitAt });
  if (!opened.ok) throw new Error(opened.message);
  let epochId: string;
  try {
    const tiny = snapshot("bench", [{ id: "tiny" }]);
    ({ epochId } = await opened.writer.commit({
      fingerprintScheme: "semantic-v1",
      providers: { bench: { snapshot: tiny } },
      events: [],
    }));
  } finally {
    await opened.writer.close();
  }
  // After the writer closed: opening it sweeps objects no epoch names.
  let head: HistoryHead | null = null;
  let hash = "";
  // Batches of 40: each call seals what the previous one left once it passes SEAL_BYTES, as
  // commits one at a time would, at a fraction of the head rewrites.
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
  return epochId;
}

/**
 * `epochs` hourly epochs over `providers` x `perProvider` models: a baseline listing them all,
 * then about 2.5 field changes an epoch (core's history bench rate: 1% of 6,000 models a day,
 * here spread over every hour), mostly prices; `p0/model-00000` changes its prompt price every
 * 100 epochs. Returns the model to ask about.
 */
export async function buildLongHistory(
  dir: string,
  epochs: number,
  providers = 10,
  perProvider = 100,
): Promise<{ model: string; epochId: string }> {
  const r = rng(18);
  const listings = Array.from({ length: providers }, () =>
    Array.from({ length: perProvider }, (_, i) => model(i, r)),
  );
  const world = (ls: ModelRecord[][]) =>
    Object.fromEntries(ls.map((models, p) => [`p${p}`, snapshot(`p${p}`, models)]));
  let time = START;
  let e = nextEpochId(new Date(time), null);
  const entries: HistoryEntry[] = [{ e, b: true, c: epochChanges(null, world(listings)) }];
  for (let k = 1; k < epochs; k++) {
    const before: Record<string, Snapshot> = {};
    const after: Record<string, Snapshot> = {};
    const touch = (p: number, i: number, change: (m: ModelRecord) => ModelRecord) => {
      const was = listings[p]![i]!;
      const now = change(was);
      listings[p]![i] = now;
      before[`p${p}`] = snapshot(`p${p}`, [...(before[`p${p}`]?.models ?? []), was]);
      after[`p${p}`] = snapshot(`p${p}`, [...(after[`p${p}`]?.models ?? []), now]);
    };
    const due = Math.round(5 * r());
    for (let d = 0; d < due; d++) {
      const p = Math.floor(r() * providers);
      const i = 1 + Math.floor(r() * (perProvider - 1));
      const kind = r();
      touch(p, i, (m) =>
        kind < 0.7
          ? { ...m, pricing: { ...m.pricing, prompt: (r() * 1e-5).toPrecision(3) } }
          : { ...m, context_length: 8192 * (1 + Math.floor(r() * 16)) },
      );
    }
    if (k % 100 === 0)
      touch(0, 0, (m) => ({
        ...m,
        pricing: { ...m.pricing, prompt: (r() * 1e-5).toPrecision(3) },
      }));
    time += HOUR;
    e = nextEpochId(new Date(time), e);
    const c = epochChanges(before, after);
    entries.push(c.length > 0 ? { e, c } : { e });
  }
  const epochId = await pointAt(dir, entries, new Date(time + HOUR));
  return { model: "p0/model-00000", epochId };
}

/**
 * Two epochs of `providers` x `perProvider` models: the second changes a price of 5% of them,
 * the context window of 1%, and replaces 1% (removed, others added in their place).
 */
export async function buildWideDiff(
  dir: string,
  providers = 10,
  perProvider = 1000,
): Promise<{ from: string; to: string }> {
  const r = rng(7);
  const one = Array.from({ length: providers }, () =>
    Array.from({ length: perProvider }, (_, i) => model(i, r)),
  );
  const two = one.map((models) =>
    models.map((m, i) => {
      const x = r();
      if (x < 0.05) return { ...m, pricing: { ...m.pricing, prompt: (r() * 1e-5).toPrecision(3) } };
      if (x < 0.06) return { ...m, context_length: (m.context_length as number) * 2 };
      if (x < 0.07) return { ...model(i, r), id: `new-${String(i).padStart(5, "0")}` };
      return m;
    }),
  );
  const world = (ls: ModelRecord[][]) =>
    Object.fromEntries(ls.map((models, p) => [`p${p}`, snapshot(`p${p}`, models)]));
  const from = nextEpochId(new Date(START), null);
  const to = nextEpochId(new Date(START + HOUR), from);
  await pointAt(
    dir,
    [
      { e: from, b: true, c: epochChanges(null, world(one)) },
      { e: to, c: epochChanges(world(one), world(two)) },
    ],
    new Date(START + 2 * HOUR),
  );
  return { from, to };
}

/** A state whose events.jsonl holds `lines` committed events, one a second from START, each
 * stamped with the current epoch. Returns the time of the last event. */
export async function buildEventLog(dir: string, lines: number): Promise<Date> {
  const opened = await openStateWriter(dir, {
    tool: "bench",
    version: "0",
    now: () => new Date(START + lines * 1000 + HOUR),
  });
  if (!opened.ok) throw new Error(opened.message);
  let epochId: string;
  try {
    ({ epochId } = await opened.writer.commit({
      fingerprintScheme: "semantic-v1",
      providers: { bench: { snapshot: snapshot("bench", [{ id: "tiny" }]) } },
      events: [],
    }));
  } finally {
    await opened.writer.close();
  }
  const file = await open(join(dir, "events.jsonl"), "a");
  try {
    const batch = 20_000;
    for (let done = 0; done < lines; done += batch) {
      let text = "";
      for (let i = done; i < Math.min(lines, done + batch); i++)
        text += `${JSON.stringify({
          v: 2,
          type: "BENCHMARK_RESULT",
          epoch_id: epochId,
          ts: new Date(START + i * 1000).toISOString(),
          severity: "INFO",
          provider: "prov0",
          model_id: `model-${String(i % 1000).padStart(5, "0")}`,
          probe: "echo",
          tier: 1,
          verdict: "MATCH",
          value: "ok",
          calls: 1,
        })}\n`;
      await file.write(text);
    }
  } finally {
    await file.close();
  }
  return new Date(START + (lines - 1) * 1000);
}
