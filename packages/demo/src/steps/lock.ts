// The experiment-lock chapter of `pnpm demo`: lock the watched models before the silent change
// (poll 2), then check the lock after each later poll and watch it go from clean, through
// unconfirmed candidates that never fail it, to violated once the drift is confirmed (poll 5).
// The lock is scoped to the watched models, so the demo's unrelated registry news (a removed
// Mistral model, a Venice price, an Ollama digest) does not touch it.
import { provenance, renderProvenanceMarkdown } from "@observatory/cli-lock";
import type { BinRun } from "../bins.js";

export interface LockStepContext {
  env: NodeJS.ProcessEnv;
  stateDir: string;
  say: (s?: string) => void;
  runBin: (bin: string, args: string[], env: NodeJS.ProcessEnv) => Promise<BinRun>;
}

export const DEMO_LOCK = "demo-experiment";
export const LOCK_MODELS = "openai/gpt-4o,anthropic/claude-sonnet-4-5-20250929";

/** obs-lock on the epoch of the last poll, whose benchmarks are fresh. */
export async function lockBeforeChange(ctx: LockStepContext): Promise<BinRun> {
  ctx.say(`obs-lock ${DEMO_LOCK} --models ${LOCK_MODELS}`);
  const r = await ctx.runBin(
    "obs-lock",
    ["--state-dir", ctx.stateDir, DEMO_LOCK, "--models", LOCK_MODELS, "--notes", "pnpm demo"],
    ctx.env,
  );
  const created = r.records.find((x) => x["type"] === "LOCK_CREATED");
  const lock = created?.["lock"] as
    | { epoch_id: string; manifest_hash: string; coverage: { pairs: number } }
    | undefined;
  if (r.code !== 0 || !lock) {
    ctx.say(`  exit ${r.code}: ${r.stderr.trim()}`);
    return r;
  }
  ctx.say(
    `  locked to epoch ${lock.epoch_id} (manifest ${lock.manifest_hash.slice(0, 16)}…), ` +
      `${lock.coverage.pairs} canonical baselines`,
  );
  ctx.say("  scoped to the watched models: registry news elsewhere cannot break this experiment");
  return r;
}

/**
 * obs-check after a poll. Pass that poll's run to check exactly the epoch it committed (what
 * `obs-poll | obs-check` does through a pipe); without it the current epoch is checked.
 */
export async function checkAfter(
  ctx: LockStepContext,
  poll: number,
  pollRun?: BinRun,
): Promise<BinRun> {
  const committed = pollRun?.records.find((x) => x["type"] === "EPOCH_COMMITTED");
  const epoch = typeof committed?.["epoch_id"] === "string" ? committed["epoch_id"] : null;
  const args = ["--state-dir", ctx.stateDir, DEMO_LOCK, ...(epoch ? ["--epoch", epoch] : [])];
  const r = await ctx.runBin("obs-check", args, ctx.env);
  const check = r.records.find((x) => x["type"] === "LOCK_CHECK");
  if (!check) {
    ctx.say(`  obs-check exit ${r.code}: ${r.stderr.trim()}`);
    return r;
  }
  const counts = check["counts"] as Record<string, number>;
  const tally = ["MATCH", "VARIANT", "DRIFT", "MISSING"]
    .filter((k) => (counts[k] ?? 0) > 0)
    .map((k) => `${counts[k]} ${k}`)
    .join(", ");
  ctx.say(
    `  obs-check ${DEMO_LOCK} after poll ${poll}: ${check["status"]} (${tally}), exit ${r.code}`,
  );
  for (const p of check["pairs"] as Array<Record<string, unknown>>) {
    if (p["status"] !== "MATCH")
      ctx.say(`    ${p["status"]} ${p["model"]} ${p["probe"]}: ${p["detail"]}`);
  }
  // Behavioural violations are the DRIFT rows above; structural ones are listed here.
  for (const v of check["violations"] as Array<Record<string, unknown>>)
    if (v["kind"] !== "BEHAVIOR_DRIFT") ctx.say(`    violation: ${v["kind"]} ${v["detail"]}`);
  if (r.records.some((x) => x["type"] === "EXPERIMENT_DRIFT"))
    ctx.say("    EXPERIMENT_DRIFT logged (and sent to any webhooks in webhooks.json)");
  return r;
}

/** The start of `obs-lock export`: the provenance statement a researcher pastes into a paper. */
export async function showProvenance(ctx: LockStepContext, lines = 8): Promise<void> {
  // The Markdown is a document, not NDJSON, so it comes from the library rather than runBin.
  const md = renderProvenanceMarkdown(await provenance(ctx.stateDir, DEMO_LOCK));
  ctx.say(`obs-lock export ${DEMO_LOCK}:`);
  for (const line of md.split("\n").slice(0, lines)) ctx.say(`  | ${line}`);
  ctx.say("  | …");
}
