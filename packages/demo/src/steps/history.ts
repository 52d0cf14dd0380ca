// The history chapter of `pnpm demo`, last: obs-history on the model whose price the scenario
// changes at poll 3, and obs-diff from the first epoch to the last. Both print NDJSON when piped
// (as here), so the lines below are built from their records; in a terminal they print tables.
import { relativeChange } from "@observatory/core";
import type { BinRun } from "../bins.js";

export interface HistoryStepContext {
  env: NodeJS.ProcessEnv;
  stateDir: string;
  say: (s?: string) => void;
  runBin: (bin: string, args: string[], env: NodeJS.ProcessEnv) => Promise<BinRun>;
}

/** Venice re-prices it from poll 3 (DEMO_SCENARIO). */
export const PRICED_MODEL = "venice/qwen3-235b";
/** Diff entries shown before "and N more". */
const SHOWN = 6;

type Value = string | number | boolean | null;
interface Change {
  field: string;
  old: Value;
  new: Value;
}

const text = (v: Value) => (v === null ? "-" : String(v));

function change(c: Change): string {
  const r = relativeChange(c.old, c.new);
  const pct = r === null ? "" : ` (${r > 0 ? "+" : ""}${Number((r * 100).toFixed(1))}%)`;
  return `${c.field} ${text(c.old)} -> ${text(c.new)}${pct}`;
}

export interface HistoryStepResult {
  /** The priced model's history showed the price change. */
  repriced: boolean;
  /** obs-diff's summary: models added, removed, changed. */
  counts: { added: number; removed: number; changed: number } | null;
}

export async function historyAndDiff(ctx: HistoryStepContext): Promise<HistoryStepResult> {
  const state = ["--state-dir", ctx.stateDir, "--json"];
  ctx.say(`obs-history ${PRICED_MODEL}: every change, as the provider reported it`);
  const h = await ctx.runBin("obs-history", [PRICED_MODEL, ...state], ctx.env);
  if (h.code !== 0) ctx.say(`  exit ${h.code}: ${h.stderr.trim()}`);
  const rows = h.records as unknown as Array<Change & { epoch: string }>;
  const first = rows[0]?.epoch;
  const fields = new Set(
    rows.filter((r) => r.epoch === first && r.field !== "listed").map((r) => r.field),
  );
  if (first !== undefined)
    ctx.say(`  ${first}  listed, with ${fields.size} fields (poll 1 started the history)`);
  for (const r of rows.filter((x) => x.epoch !== first)) ctx.say(`  ${r.epoch}  ${change(r)}`);
  const repriced = rows.some((r) => r.epoch !== first && r.field.startsWith("pricing."));

  ctx.say(`\nobs-diff @-4: what changed from the first poll's epoch to the last one's`);
  const d = await ctx.runBin("obs-diff", ["@-4", ...state], ctx.env);
  if (d.code !== 0) ctx.say(`  exit ${d.code}: ${d.stderr.trim()}`);
  const summary = d.records.find((r) => r["type"] === "DIFF_SUMMARY") as
    | { added: number; removed: number; changed: number }
    | undefined;
  if (summary)
    ctx.say(
      `  ${summary.added} models added, ${summary.removed} removed, ${summary.changed} changed`,
    );
  // OpenRouter's list is a later day's from poll 4: hundreds of entries. The rest first.
  const entries = (
    d.records.filter((r) => r["type"] === "DIFF_ENTRY") as unknown as Array<{
      model: string;
      change: string;
      changes: Change[];
    }>
  ).sort(
    (a, b) => Number(a.model.startsWith("openrouter/")) - Number(b.model.startsWith("openrouter/")),
  );
  for (const e of entries.slice(0, SHOWN)) {
    const what =
      e.change === "changed" ? e.changes.map(change).join("; ") : `${e.changes.length} fields`;
    ctx.say(`  ${e.change.padEnd(7)}  ${e.model}: ${what}`);
  }
  if (entries.length > SHOWN)
    ctx.say(`  … and ${entries.length - SHOWN} more (most of them OpenRouter's new list)`);
  return {
    repriced,
    counts: summary
      ? { added: summary.added, removed: summary.removed, changed: summary.changed }
      : null,
  };
}
