// Known keys close to one the epoch does not know: the same model id under any provider first,
// then ids ending in it (OpenRouter's "vendor/model"), then ids containing it. Key order within
// each group, so suggestions are stable.
export function suggestKeys(key: string, keys: readonly string[], limit = 5): string[] {
  const wanted = key.toLowerCase();
  const bare = wanted.includes("/") ? wanted.slice(wanted.indexOf("/") + 1) : wanted;
  const tiers: string[][] = [[], [], []];
  for (const k of keys) {
    // Provider names have no "/": the model id is everything after the first one.
    const id = k.slice(k.indexOf("/") + 1).toLowerCase();
    if (id === bare) tiers[0]!.push(k);
    else if (id.endsWith(`/${bare}`)) tiers[1]!.push(k);
    else if (bare.length >= 4 && id.includes(bare)) tiers[2]!.push(k);
  }
  return tiers.flat().slice(0, limit);
}
