// Peak memory of a large poll: 5 providers x 10k models plus 200 Ollama models (one /api/show
// each), a first poll (every model added) and a second (nothing changed). The run happens in a
// process of its own and the provider in another, so the figure is the poll's own peak RSS.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PROVIDERS } from "@observatory/providers";

export const RSS_TARGET_MB = 512;
const KEYED = ["openai", "mistral", "xai", "deepseek", "moonshot"] as const;
const MODELS = 10_000;
const OLLAMA = 200;

export interface RssFigure {
  providers: number;
  models: number;
  ollama: number;
  peakMb: number;
  wallMs: number;
}

const script = (name: string) => fileURLToPath(new URL(name, import.meta.url));

export async function measureRss(): Promise<RssFigure> {
  const provider = fork(script("./lean-provider.ts"), ["0", String(MODELS), String(OLLAMA)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    const { port } = await new Promise<{ port: number }>((r) =>
      provider.once("message", (m) => r(m as { port: number })),
    );
    const env: Record<string, string> = {
      OBS_OLLAMA_BASE_URL: `http://127.0.0.1:${port}/ollama`,
    };
    for (const p of KEYED) {
      env[`OBS_${p.toUpperCase()}_BASE_URL`] = `http://127.0.0.1:${port}/${p}`;
      env[PROVIDERS[p].keyEnv!] = `bench-${p}-key`;
    }
    const child = fork(script("./rss-child.ts"), [JSON.stringify(env)], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const out = await new Promise<{ peakKb: number; wallMs: number; error?: string }>((r) =>
      child.once("message", (m) => r(m as { peakKb: number; wallMs: number })),
    );
    if (out.error) throw new Error(`rss poll failed: ${out.error}`);
    return {
      providers: KEYED.length,
      models: MODELS,
      ollama: OLLAMA,
      peakMb: out.peakKb / 1024,
      wallMs: out.wallMs,
    };
  } finally {
    provider.kill();
  }
}
