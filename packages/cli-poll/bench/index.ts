// `pnpm bench` for obs-poll: one run over 5 providers x 200 models, 20 of each benchmarked, with
// 20 ms fixture latency, against the ideal (calls / concurrency x latency). Target: within 1.5x.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROVIDERS } from "@observatory/providers";
import type { ScenarioSpec } from "@observatory/test-fixtures";
import { runObservatory } from "../src/run/run.js";
import { startServerProcess } from "./server-process.js";

const PROVIDER_SET = ["openai", "mistral", "xai", "deepseek", "moonshot"] as const;
const MODELS = 200;
const BENCHED = 20;
const LATENCY_MS = Number(process.env["OBS_BENCH_LATENCY_MS"] ?? 20);

function scenario(): ScenarioSpec {
  const catalogs: ScenarioSpec["catalogs"] = {};
  for (const p of PROVIDER_SET) {
    const models = Array.from({ length: MODELS }, (_, i) => ({
      id: `bench-model-${String(i).padStart(3, "0")}`,
      object: "model",
      owned_by: p,
    }));
    catalogs[p] = { add: [{ fromPoll: 1, models }] };
  }
  return { seed: 9, latencyMs: LATENCY_MS, catalogs };
}

async function main(): Promise<void> {
  const server = await startServerProcess(scenario());
  const root = await mkdtemp(join(tmpdir(), "obs-bench-poll-"));
  const env: Record<string, string> = { OBS_OLLAMA_BASE_URL: "http://127.0.0.1:9" };
  for (const [k, v] of Object.entries(server.env)) {
    if (
      PROVIDER_SET.some(
        (p) => k.startsWith(`OBS_${p.toUpperCase()}_`) || k.startsWith(`${p.toUpperCase()}_`),
      )
    )
      env[k] = v;
  }
  const models = PROVIDER_SET.flatMap((p) =>
    Array.from({ length: BENCHED }, (_, i) => `${p}/bench-model-${String(i).padStart(3, "0")}`),
  );
  const run = () =>
    runObservatory({
      stateDir: join(root, "state"),
      tool: "obs-poll",
      version: "bench",
      poll: true,
      benchmark: true,
      providers: [...PROVIDER_SET],
      models,
      providerOptions: { env },
      signal: new AbortController().signal,
    });
  try {
    await run(); // first run: listing baseline and benchmark baselines (3 calls per probe)
    await server.call("advance");
    await server.call("clearCalls");
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const report = await run();
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const clientCpuMs = (cpu.user + cpu.system) / 1000;
    const all = await server.call<Array<{ provider: string; route: string }>>("calls");
    const perProvider = PROVIDER_SET.map((p) => {
      const calls = all.filter((c) => c.provider === p);
      const chat = calls.filter((c) => c.route === "chat").length;
      const listing = calls.filter((c) => c.route !== "chat").length;
      const conc = PROVIDERS[p].concurrency;
      return {
        provider: p,
        listing,
        chat,
        conc,
        ideal: (listing + Math.ceil(chat / conc)) * LATENCY_MS,
      };
    });
    const ideal = Math.max(...perProvider.map((x) => x.ideal));
    const totalChat = perProvider.reduce((n, x) => n + x.chat, 0);
    const ratio = wall / ideal;
    console.log(
      `\nobs-poll run: ${PROVIDER_SET.length} providers x ${MODELS} models, ${BENCHED} benchmarked each, ${LATENCY_MS} ms latency`,
    );
    console.table([
      { figure: "epoch committed", value: report.epochId ?? "(none)" },
      {
        figure: "benchmark calls (steady state: 1 per probe unless it mismatches)",
        value: totalChat,
      },
      { figure: "per-provider concurrency", value: perProvider[0]!.conc },
      {
        figure: "ideal wall time: (listing + calls / concurrency) x latency",
        value: `${ideal} ms`,
      },
      {
        figure: "measured wall time (in-process run, incl. commit)",
        value: `${wall.toFixed(0)} ms`,
      },
      {
        figure: "ratio to ideal (target <= 1.5)",
        value: `${ratio.toFixed(2)} ${ratio <= 1.5 ? "PASS" : "FAIL"}`,
      },
      // Where the rest goes: the run's own CPU, and the fixture server's (msw, about 1 ms a
      // request on one thread), which queues requests once 20 arrive per 20 ms latency window.
      { figure: "CPU time of the run itself (client side)", value: `${clientCpuMs.toFixed(0)} ms` },
      {
        figure: "(ideal + client CPU) / ideal: the run's own overhead",
        value: ((ideal + clientCpuMs) / ideal).toFixed(2),
      },
    ]);
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
