// The model list a provider serves at a given poll: a recorded listing with the scenario's
// timeline, removals, additions, patches and seeded reordering applied.
import { FIXTURE_PROVIDER_INFO, type FixtureProvider } from "../providers.js";
import { loadRecorded } from "../recorded.js";
import { shuffle } from "./rng.js";
import type { CatalogSpec } from "./spec.js";

export type Entry = Record<string, unknown>;

export interface Catalog {
  /** The listing document without its list (e.g. `{object: "list"}`). */
  envelope: Record<string, unknown>;
  entries: Entry[];
}

/** Which field of the document holds the list. */
export function listKey(provider: FixtureProvider): "data" | "models" {
  const { dialect } = FIXTURE_PROVIDER_INFO[provider];
  return dialect === "google" || dialect === "ollama" ? "models" : "data";
}

/** A model entry's id as clients name it (Gemini drops "models/", Ollama uses the tag name). */
export function entryId(provider: FixtureProvider, entry: Entry): string {
  const { dialect } = FIXTURE_PROVIDER_INFO[provider];
  if (dialect === "google") return String(entry.name ?? "").replace(/^models\//, "");
  if (dialect === "ollama") return String(entry.name ?? entry.model ?? "");
  return String(entry.id ?? "");
}

/** Keys whose values are identifiers: never re-spelled. */
export function idKeys(provider: FixtureProvider): ReadonlySet<string> {
  const { dialect } = FIXTURE_PROVIDER_INFO[provider];
  const keys = [
    "id",
    "canonical_slug",
    "digest",
    "model",
    "hugging_face_id",
    "first_id",
    "last_id",
  ];
  if (dialect === "google" || dialect === "ollama") keys.push("name");
  return new Set(keys);
}

/** The default recorded listing: the mid-sized real OpenRouter list (340 models). */
export function defaultSource(provider: FixtureProvider): string {
  if (provider === "openrouter") return "openrouter/models-2025-11-07";
  if (provider === "ollama") return "ollama/tags";
  return `${provider}/models`;
}

function deepMerge(target: Entry, patch: Record<string, unknown>): Entry {
  const out: Entry = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    const cur = out[k];
    out[k] =
      v !== null &&
      typeof v === "object" &&
      !Array.isArray(v) &&
      cur !== null &&
      typeof cur === "object" &&
      !Array.isArray(cur)
        ? deepMerge(cur as Entry, v as Record<string, unknown>)
        : v;
  }
  return out;
}

export function buildCatalog(
  provider: FixtureProvider,
  spec: CatalogSpec | undefined,
  poll: number,
  seed: number,
): Catalog {
  let source = spec?.source ?? defaultSource(provider);
  for (const step of spec?.timeline ?? []) if (poll >= step.fromPoll) source = step.source;
  const doc = loadRecorded<Record<string, unknown>>(source);
  const key = listKey(provider);
  const list = doc[key];
  if (!Array.isArray(list)) throw new Error(`recorded ${source}: no "${key}" list`);
  const { [key]: _list, ...envelope } = doc;

  const removed = new Set<string>();
  for (const r of spec?.remove ?? [])
    if (poll >= r.fromPoll) for (const id of r.ids) removed.add(id);
  let entries = (list as Entry[]).filter((e) => !removed.has(entryId(provider, e)));
  for (const a of spec?.add ?? []) {
    if (poll >= a.fromPoll) entries.push(...(structuredClone(a.models) as Entry[]));
  }
  for (const p of spec?.patch ?? []) {
    if (poll < p.fromPoll) continue;
    entries = entries.map((e) => (entryId(provider, e) === p.id ? deepMerge(e, p.set) : e));
  }
  if (spec?.reorder && poll >= (spec.reorder.fromPoll ?? 1)) {
    entries = shuffle(entries, seed, `reorder|${provider}|${poll}`);
  }
  return { envelope, entries };
}
