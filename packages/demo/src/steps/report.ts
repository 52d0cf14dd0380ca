// The report chapter of `pnpm demo`: obs-report writes the whole run as one self-contained HTML
// page beside the state directory (prices and context over time, the drift, the lock, every
// change) and the demo prints where, to open in a browser.
import { dirname, join } from "node:path";
import type { BinRun } from "../bins.js";

export interface ReportStepContext {
  stateDir: string;
  env: NodeJS.ProcessEnv;
  say: (s?: string) => void;
  runBin: (bin: string, args: string[], env: NodeJS.ProcessEnv) => Promise<BinRun>;
}

export async function reportPage(ctx: ReportStepContext): Promise<BinRun> {
  const out = join(dirname(ctx.stateDir), "demo-report.html");
  const r = await ctx.runBin("obs-report", ["--state-dir", ctx.stateDir, "--out", out], ctx.env);
  if (r.code !== 0) {
    ctx.say(`  exit ${r.code}: ${r.stderr.trim()}`);
    return r;
  }
  const written = r.records.find((x) => x["type"] === "REPORT_WRITTEN");
  ctx.say(
    `obs-report --out ${out}: ${String(written?.["models"] ?? "?")} models, ${String(written?.["changes"] ?? "?")} changes, ${Math.round(Number(written?.["bytes"] ?? 0) / 1024)} kB, no network needed`,
  );
  ctx.say(`  report: ${out}`);
  return r;
}
