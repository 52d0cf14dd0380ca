// The measured side of the listing bench, run in its own process so its peak RSS is the
// client's alone (the parent holds the 100k-model body and serves it): one listing over
// loopback, parsed into records and a validated snapshot, as obs-poll's listing worker does.
import { FINGERPRINT_SCHEME, SnapshotSchema } from "@observatory/core";
import { createProvider } from "../src/index.js";

export interface ListingRun {
  ms: number;
  peakRssMb: number;
  models: number;
  outcome: string;
}

export async function runListing(baseUrl: string): Promise<ListingRun> {
  const p = createProvider("openai", {
    env: { OBS_OPENAI_BASE_URL: baseUrl, OPENAI_API_KEY: "sk-bench-0000000000000000" },
    retry: { attempts: 1 },
  });
  const started = performance.now();
  const out = await p.listModels();
  let models = 0;
  if (out.ok) {
    const snapshot = SnapshotSchema.parse({
      schema: "observatory.snapshot/1",
      provider: "openai",
      fingerprint_scheme: FINGERPRINT_SCHEME,
      models: [...out.value.models].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    });
    models = snapshot.models.length;
  }
  const ms = performance.now() - started;
  await p.close();
  return {
    ms,
    // resourceUsage().maxRSS is in kilobytes and covers the whole process lifetime.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    models,
    outcome: out.ok ? "ok" : `${out.error.kind}: ${out.error.message}`,
  };
}

if (process.argv[2] === "--child") {
  const run = await runListing(process.argv[3]!);
  process.stdout.write(`${JSON.stringify(run)}\n`);
}
