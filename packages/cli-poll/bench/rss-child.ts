// Child side of rss.ts: two polls into a fresh state directory, then the process's peak RSS.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runObservatory } from "../src/run/run.js";

const env = JSON.parse(process.argv[2] ?? "{}") as Record<string, string>;
const root = await mkdtemp(join(tmpdir(), "obs-bench-rss-"));
const poll = () =>
  runObservatory({
    stateDir: join(root, "state"),
    tool: "obs-poll",
    version: "bench",
    poll: true,
    benchmark: false,
    providers: ["openai", "mistral", "xai", "deepseek", "moonshot", "ollama"],
    providerOptions: { env },
    signal: new AbortController().signal,
  });
try {
  const first = await poll();
  const t0 = performance.now();
  const second = await poll();
  const wallMs = performance.now() - t0;
  const bad = [first, second].find(
    (r) => r.outcome !== "committed" || r.events.some((e) => e.type === "POLL_ERROR"),
  );
  process.send?.({
    peakKb: process.resourceUsage().maxRSS,
    wallMs,
    ...(bad
      ? {
          error: `${bad.outcome}: ${JSON.stringify(bad.events.filter((e) => e.type === "POLL_ERROR"))}`,
        }
      : {}),
  });
} finally {
  await rm(root, { recursive: true, force: true });
}
