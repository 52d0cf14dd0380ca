// The dashboard chapter of `pnpm demo`: obs-dash, run with its output piped as here, prints a
// one-shot text summary of every panel instead of opening the interactive view. The demo shows
// the summary's header and three of its panels; the user opens the real thing with the command
// printed at the end.
import type { BinRun } from "../bins.js";

export interface DashStepContext {
  stateDir: string;
  env: NodeJS.ProcessEnv;
  say: (s?: string) => void;
  runBin: (bin: string, args: string[], env: NodeJS.ProcessEnv) => Promise<BinRun>;
}

const SHOWN = ["Providers", "Benchmarks", "Experiments"];

export async function dashSummary(ctx: DashStepContext): Promise<BinRun> {
  ctx.say("obs-dash (not a terminal, so a one-shot summary of its five panels)");
  const r = await ctx.runBin("obs-dash", ["--state-dir", ctx.stateDir, "--limit", "4"], ctx.env);
  if (r.code !== 0) {
    ctx.say(`  exit ${r.code}: ${r.stderr.trim()}`);
    return r;
  }
  const lines = r.stdout.split("\n");
  // The epoch line with its flags: [DRIFT 1] [LOCKS VIOLATED 1] after the last poll.
  for (const l of lines.slice(1, 2)) ctx.say(`  | ${l}`);
  for (const title of SHOWN) {
    const start = lines.findIndex((l) => l.startsWith(`== ${title}:`));
    if (start < 0) continue;
    const end = lines.findIndex((l, i) => i > start && l === "");
    ctx.say("  |");
    for (const l of lines.slice(start, end < 0 ? undefined : end)) ctx.say(`  | ${l}`);
  }
  return r;
}
