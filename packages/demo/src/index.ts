// pnpm demo: the main job on an embedded scenario, with no keys and no network. A loopback
// server plays twelve providers; the real obs-* bins poll and benchmark it while the scenario
// injects noise (reordered lists, re-spelled prices, sampling flips) and one silent change, and
// the story shows the change go from MATCH through CANDIDATE to a confirmed DRIFT: an experiment
// locked before it goes from clean to violated, and the routing oracle steers around the model.
// It ends with the model history: one model's price change and what changed across the run.
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { describeEvent, type ObsEvent } from "@observatory/core";
import { DEMO_SCENARIO, startFixtureServer } from "@observatory/test-fixtures";
import { type BinRun, runBin } from "./bins.js";
import { dashSummary } from "./steps/dash.js";
import { historyAndDiff } from "./steps/history.js";
import { checkAfter, lockBeforeChange, showProvenance } from "./steps/lock.js";
import { oracleAfterDrift } from "./steps/oracle.js";
import { reportPage } from "./steps/report.js";

const WATCHED = "openai/gpt-4o,anthropic/claude-sonnet-4-5-20250929";
const bold = (s: string) =>
  process.stdout.isTTY && !process.env["NO_COLOR"] ? `\x1b[1m${s}\x1b[0m` : s;

async function main(): Promise<void> {
  const started = Date.now();
  // pnpm runs this from packages/demo; INIT_CWD is where the user typed `pnpm demo`.
  const stateDir = resolve(
    process.env["INIT_CWD"] ?? process.cwd(),
    process.env["OBS_DEMO_STATE_DIR"] ?? "demo-state",
  );
  await rm(stateDir, { recursive: true, force: true });
  const server = await startFixtureServer({ scenario: DEMO_SCENARIO });
  const env = {
    PATH: process.env["PATH"],
    NO_COLOR: "1",
    ...server.env(),
    OBS_STATE_DIR: stateDir,
  };
  const say = (s = "") => process.stdout.write(`${s}\n`);
  try {
    say(bold("Model Observatory demo"));
    say(`twelve fixture providers on ${server.url}; state in ${stateDir}\n`);

    const ctx = { env, stateDir, say, runBin };
    for (let poll = 1; poll <= 5; poll++) {
      if (poll > 1) server.scenario.advance();
      say(bold(`poll ${poll}: obs-poll --benchmark --models ${WATCHED}`));
      const r = await runBin("obs-poll", ["--benchmark", "--models", WATCHED], env);
      report(r, say, poll === 1);
      // Lock the experiment while the models still behave as they did; check it after every
      // later poll: clean through the unconfirmed candidates, violated once the drift is confirmed.
      if (poll === 2) await lockBeforeChange(ctx);
      if (poll >= 3) await checkAfter(ctx, poll, r);
    }
    say(bold("\nrouting code, after the drift"));
    await oracleAfterDrift(ctx);
    say("");
    await showProvenance(ctx);
    say(bold("\nthe dashboard"));
    await dashSummary(ctx);
    say(bold("\nthe model history, kept past retention"));
    await historyAndDiff(ctx);
    say(bold("\nthe report, one HTML page"));
    await reportPage(ctx);
    say(`\ndone in ${((Date.now() - started) / 1000).toFixed(1)} s. Look around:`);
    const rel = process.env["INIT_CWD"]
      ? stateDir.replace(`${process.env["INIT_CWD"]}/`, "")
      : stateDir;
    say(`  pnpm exec obs-dash --state-dir ${rel}          # the dashboard, interactive (q quits)`);
    say(`  pnpm exec obs-check --state-dir ${rel} --all`);
    say(`  pnpm exec obs-oracle --state-dir ${rel} list --by reliability`);
    say(`  pnpm exec obs-lock --state-dir ${rel} export demo-experiment --format md`);
    say(`  pnpm exec obs-history --state-dir ${rel} qwen3-235b    # a table in a terminal`);
    say(`  pnpm exec obs-diff --state-dir ${rel} @-4 --provider venice,mistral`);
    say(`  pnpm exec obs-events --state-dir ${rel} --severity '>=HIGH'`);
    say(`  tail -n 5 ${rel}/events.jsonl`);
  } finally {
    await server.close();
  }
}

function report(r: BinRun, say: (s?: string) => void, first: boolean): void {
  const events = r.records.filter((x) => typeof x["v"] === "number") as unknown as ObsEvent[];
  const committed = r.records.find((x) => x["type"] === "EPOCH_COMMITTED");
  say(
    `  exit ${r.code}, epoch ${String(committed?.["epoch_id"] ?? "(none)")}, ${events.length} events`,
  );
  const count = (t: string) => events.filter((e) => e.type === t).length;
  if (first) {
    say(`  baseline: ${count("MODEL_ADDED")} models listed across providers`);
  } else {
    const structural = events.filter((e) =>
      [
        "MODEL_ADDED",
        "MODEL_REMOVED",
        "METADATA_CHANGED",
        "IDENTITY_CHANGED",
        "POLL_ERROR",
      ].includes(e.type),
    );
    if (structural.length === 0)
      say("  registries: no semantic change (reordered lists and re-spelled prices are not news)");
    for (const e of structural.slice(0, 8))
      say(`  ${e.severity.padEnd(8)} ${e.type.padEnd(17)} ${describeEvent(e)}`);
    if (structural.length > 8) say(`  … and ${structural.length - 8} more registry events`);
  }
  const verdicts = new Map<string, string[]>();
  for (const e of events) {
    if (e.type !== "BENCHMARK_RESULT") continue;
    const key = `${e.provider}/${e.model_id}`;
    verdicts.set(key, [...(verdicts.get(key) ?? []), `${e.probe}=${e.verdict}`]);
  }
  for (const [model, v] of verdicts) say(`  ${model}: ${v.join(" ")}`);
  for (const e of events) {
    if (e.type === "BENCHMARK_VARIANT")
      say(`  VARIANT  ${describeEvent(e)} (sampling noise, absorbed)`);
    if (e.type === "BEHAVIOR_DRIFT") {
      say(bold(`  ${e.severity} BEHAVIOR_DRIFT ${describeEvent(e)}`));
      say(`    evidence: ${JSON.stringify(e.evidence)}`);
    }
  }
}

await main();
