// A state directory with a past: five daily epochs of one writer keeping two (retainEpochs: 2),
// so the first three are pruned and only the model history still knows them.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { commitEpoch, model, tempStateDir } from "./state.js";

export const DAY = 86_400_000;
/** Noon UTC of each epoch's day; epoch i (0-based) is committed at DAYS[i]. */
export const DAYS = [1, 2, 3, 4, 5].map((d) => new Date(Date.UTC(2026, 10, d, 12)));
export const GPT = "openai/gpt-4o";

/**
 * 11-01: gpt-4o at 0.0000025 a prompt token, o1, claude. 11-02: gpt-4o's price rises to
 * 0.000003. 11-03: o1 leaves, gpt-5 arrives. 11-04: gpt-4o's context grows to 200k. 11-05:
 * nothing changes. Returns the epoch ids, oldest first. `lockFirst`: an experiment lock keeps the
 * first epoch (as obs-lock's lock file names it), so retention leaves it on disk.
 */
export async function stateWithPast(lockFirst = false): Promise<{ dir: string; ids: string[] }> {
  const dir = await tempStateDir();
  const gpt = (prompt: string, context = 128_000) =>
    model("gpt-4o", { context_length: context, pricing: { prompt } });
  const claude = model("claude-sonnet-4-5", { context_length: 200_000 });
  const listings = [
    [gpt("0.0000025"), model("o1")],
    [gpt("0.000003"), model("o1")],
    [gpt("0.000003"), model("gpt-5")],
    [gpt("0.000003", 200_000), model("gpt-5")],
    [gpt("0.000003", 200_000), model("gpt-5")],
  ];
  const ids: string[] = [];
  for (const [i, openai] of listings.entries()) {
    ids.push(
      await commitEpoch(dir, {
        providers: { openai, anthropic: [claude] },
        at: DAYS[i]!,
        retain: 2,
      }),
    );
    if (lockFirst && i === 0) {
      await mkdir(join(dir, "locks"), { recursive: true });
      await writeFile(join(dir, "locks", "paper.lock.json"), JSON.stringify({ epoch_id: ids[0] }));
    }
  }
  return { dir, ids };
}
