// State engine figures: durability work per commit and what an unchanged poll costs on disk.

import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordFigures, verdict } from "../../../bench/record.ts";
import { ioStats, openStateWriter, resetIoStats, type Snapshot } from "../src/index.js";

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

function snapshot(provider: string, n: number, salt: string): Snapshot {
  return {
    schema: "observatory.snapshot/1",
    provider,
    fingerprint_scheme: "semantic-v1",
    models: Array.from({ length: n }, (_, i) => ({
      id: `${provider}/model-${i}`,
      name: `Model ${i} ${salt}`,
      context_length: 128_000,
      pricing: { prompt: "0.000003", completion: "0.000015" },
      capabilities: ["tools", "vision"],
    })),
  };
}

export async function runStateBench(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), "obs-bench-state-"));
  const dir = join(root, "state");
  try {
    const opened = await openStateWriter(dir, { tool: "bench", version: "0" });
    if (!opened.ok) throw new Error(opened.message);
    const w = opened.writer;
    const providers = ["openai", "anthropic", "google", "mistral", "openrouter"];
    const draft = (salt: string) => ({
      fingerprintScheme: "semantic-v1",
      providers: Object.fromEntries(
        providers.map((p) => [p, { snapshot: snapshot(p, 200, salt) }]),
      ),
      registry: { salt },
      benchmarks: { salt: "b" },
      events: [],
    });
    await w.commit(draft("first"));
    const full = await dirBytes(dir);
    // The first unchanged commit seals the history's baseline (every model, once) into a
    // segment; what follows is what every later unchanged commit costs.
    await w.commit({ ...draft("first"), registry: { salt: "first" } });

    resetIoStats();
    const before = await dirBytes(dir);
    const t0 = performance.now();
    const unchanged = await w.commit({ ...draft("first"), registry: { salt: "first" } });
    const unchangedMs = performance.now() - t0;
    const unchangedFsyncs = ioStats.fsyncs;
    const added = (await dirBytes(dir)) - before;
    const manifestBytes = (await stat(join(dir, "epochs", `${unchanged.epochId}.json`))).size;
    // An unchanged commit lists itself as a quiet epoch and writes no history head (docs say so).
    const headWritten = unchanged.manifest.history_quiet === undefined;
    const headBytes = headWritten
      ? (await stat(join(dir, "objects", `${unchanged.manifest.history}.json`))).size
      : 0;

    resetIoStats();
    const t1 = performance.now();
    await w.commit(draft("second"));
    const changedMs = performance.now() - t1;
    const changedFsyncs = ioStats.fsyncs;
    await w.close();

    recordFigures([
      {
        area: "state",
        figure: "bytes an unchanged commit adds (5 providers x 200 models)",
        value: `${added} B (${((added / full) * 100).toFixed(2)}% of a full copy)`,
        target: "a manifest, not a copy",
        result: verdict(!headWritten && added === manifestBytes),
      },
      {
        area: "state",
        figure: "fsyncs per commit: unchanged / all objects new",
        value: `${unchangedFsyncs} / ${changedFsyncs}`,
        target: "",
        result: "info",
      },
      {
        area: "state",
        figure: "commit time: unchanged / all objects new",
        value: `${unchangedMs.toFixed(1)} ms / ${changedMs.toFixed(1)} ms`,
        target: "",
        result: "info",
      },
    ]);
    console.log("\nState engine (5 providers x 200 models)");
    console.table([
      { figure: "state dir after first commit", value: `${(full / 1024).toFixed(1)} KiB` },
      { figure: "bytes added by an unchanged commit", value: `${added} B` },
      { figure: "  of which the manifest", value: `${manifestBytes} B` },
      { figure: "  of which the model history's head", value: `${headBytes} B` },
      {
        figure: "  ratio to a full copy of the snapshots",
        value: `${((added / full) * 100).toFixed(2)} %`,
      },
      { figure: "fsyncs, unchanged commit", value: unchangedFsyncs },
      { figure: "fsyncs, commit with 5 new snapshots + registry + store", value: changedFsyncs },
      { figure: "commit time, unchanged", value: `${unchangedMs.toFixed(1)} ms` },
      { figure: "commit time, all changed", value: `${changedMs.toFixed(1)} ms` },
    ]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
