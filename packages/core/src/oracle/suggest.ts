// Known keys close to one the epoch does not know: the same model id under any provider first,
// then ids ending in it (OpenRouter's "vendor/model"), then ids containing it. Key order within
// each group, so suggestions are stable.
import type { ModelProfile } from "./model/profile.js";

export function suggestKeys(key: string, models: readonly ModelProfile[], limit = 5): string[] {
  const wanted = key.toLowerCase();
  const bare = wanted.includes("/") ? wanted.slice(wanted.indexOf("/") + 1) : wanted;
  const tiers: string[][] = [[], [], []];
  for (const m of models) {
    const id = m.modelId.toLowerCase();
    if (id === bare) tiers[0]!.push(m.key);
    else if (id.endsWith(`/${bare}`)) tiers[1]!.push(m.key);
    else if (bare.length >= 4 && id.includes(bare)) tiers[2]!.push(m.key);
  }
  return tiers.flat().slice(0, limit);
}
