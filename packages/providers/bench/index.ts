// `pnpm bench` for providers: a 100,000-model OpenAI-shaped listing (OpenRouter-rich entries,
// ~35 MB) served over loopback and parsed into a snapshot by a fresh process. Prints time and
// peak RSS against their targets (<= 10 s, <= 512 MB) and the ratios; asserts nothing.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { recordFigures, verdict } from "../../../bench/record.ts";
import type { ListingRun } from "./listing.js";

const MODELS = 100_000;
const TARGET_MS = 10_000;
const TARGET_MB = 512;

function listingBody(n: number): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `vendor-${i % 97}/model-${String(i).padStart(6, "0")}`;
    parts.push(
      JSON.stringify({
        id,
        object: "model",
        created: 1_700_000_000 + i,
        owned_by: `vendor-${i % 97}`,
        name: `Vendor ${i % 97}: Model ${i}`,
        context_length: 8192 * (1 + (i % 16)),
        pricing: { prompt: `0.00000${1 + (i % 9)}`, completion: `0.0000${1 + (i % 9)}5` },
        top_provider: { context_length: 8192 * (1 + (i % 16)), max_completion_tokens: 4096 },
        architecture: { input_modalities: ["text", "image"], output_modalities: ["text"] },
        supported_parameters: ["tools", "temperature", "top_p", "seed", "response_format"],
      }),
    );
  }
  return Buffer.from(`{"object":"list","data":[${parts.join(",")}]}`);
}

function child(baseUrl: string): Promise<ListingRun> {
  // The same loader flags tsx started this process with, so the child runs TypeScript too.
  const args = [...process.execArgv, join(import.meta.dirname, "listing.ts"), "--child", baseUrl];
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
    });
    proc.on("error", reject);
    proc.on("close", (code) =>
      code === 0
        ? resolve(JSON.parse(out) as ListingRun)
        : reject(new Error(`child exited ${code}`)),
    );
  });
}

const body = listingBody(MODELS);
const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
  res.end(body);
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
try {
  await child(baseUrl); // warm the page cache and the loader's transform cache
  const run = await child(baseUrl);
  if (run.outcome !== "ok" || run.models !== MODELS)
    throw new Error(`listing failed: ${run.outcome} (${run.models} models)`);
  const mb = (body.length / 1e6).toFixed(1);
  const timeRatio = run.ms / TARGET_MS;
  const rssRatio = run.peakRssMb / TARGET_MB;
  console.log(`\nproviders listing: ${MODELS} models, ${mb} MB body, one fresh process`);
  console.log(
    `  time       ${(run.ms / 1000).toFixed(2)} s   target <= 10 s    ratio ${timeRatio.toFixed(2)}x`,
  );
  console.log(
    `  peak RSS   ${run.peakRssMb.toFixed(0)} MB   target <= 512 MB  ratio ${rssRatio.toFixed(2)}x`,
  );
  recordFigures([
    {
      area: "providers",
      figure: `${MODELS}-model listing (${mb} MB) to a snapshot: time`,
      value: `${(run.ms / 1000).toFixed(2)} s (${timeRatio.toFixed(2)}x of target)`,
      target: "<= 10 s",
      result: verdict(run.ms <= TARGET_MS),
    },
    {
      area: "providers",
      figure: `${MODELS}-model listing (${mb} MB) to a snapshot: peak RSS`,
      value: `${run.peakRssMb.toFixed(0)} MB (${rssRatio.toFixed(2)}x of target)`,
      target: "<= 512 MB",
      result: verdict(run.peakRssMb <= TARGET_MB),
    },
  ]);
} finally {
  server.close();
}
