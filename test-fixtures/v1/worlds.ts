// The v1 "worlds" the fixture trees are made of: which raw model entries each provider listed at
// each v1 poll, built from the recorded listings so ids match what the fixture server serves.
import { loadRecorded } from "../src/recorded.js";

export type Entry = Record<string, unknown>;
export interface Listing {
  provider: string;
  /** The raw document v1 stored the hash of (the provider's response, list replaced). */
  doc: Record<string, unknown>;
  entries: Entry[];
}

/** v1's model id for a raw entry (the seed's list_model_ids_and_fingerprints). */
export function v1Id(provider: string, e: Entry): string {
  if (provider === "google") return String(e["name"] ?? "").replace(/^models\//, "");
  if (provider === "ollama") return String(e["name"] ?? e["model"] ?? "");
  return String(e["id"] ?? e["model_id"] ?? "");
}

function listing(provider: string, source: string, edit: (l: Entry[]) => Entry[]): Listing {
  const doc = loadRecorded<Record<string, unknown>>(source);
  const key = Array.isArray(doc["data"]) ? "data" : "models";
  const entries = edit(doc[key] as Entry[]);
  const out: Record<string, unknown> = { ...doc, [key]: entries };
  if (provider === "anthropic") {
    out["first_id"] = entries[0]?.["id"] ?? null;
    out["last_id"] = entries[entries.length - 1]?.["id"] ?? null;
    out["has_more"] = false;
  }
  return { provider, doc: out, entries };
}

const without =
  (...ids: string[]) =>
  (provider: string) =>
  (l: Entry[]) =>
    l.filter((e) => !ids.includes(v1Id(provider, e)));

const GPT4_0613 = { id: "gpt-4-0613", object: "model", created: 1686588896, owned_by: "openai" };
const GPT4_0314 = { id: "gpt-4-0314", object: "model", created: 1687882410, owned_by: "openai" };

/** The last v1 poll (2025-09-14): what the snapshots hold. */
export function finalWorld(): Listing[] {
  return [
    listing("openai", "openai/models", (l) => [...without("gpt-5-mini")("openai")(l), GPT4_0613]),
    listing("anthropic", "anthropic/models", without("claude-opus-4-6")("anthropic")),
    listing("google", "google/models", (l) => l),
    listing("xai", "xai/models", (l) => l),
    listing("mistral", "mistral/models", (l) => l),
    listing("deepseek", "deepseek/models", (l) => l),
    listing("openrouter", "openrouter/models-2024-09-21", (l) => l),
  ];
}

/** The first v1 poll (2025-06-01): before gpt-5 and two Claude models, with gpt-4-0314. */
export function earlyWorld(): Listing[] {
  const final = finalWorld();
  const edits: Record<string, (l: Entry[]) => Entry[]> = {
    openai: (l) => [...without("gpt-5")("openai")(l), GPT4_0314],
    anthropic: without("claude-opus-4-1-20250805", "claude-sonnet-4-5-20250929")("anthropic"),
  };
  const early = final.map((w) => {
    const edit = edits[w.provider];
    if (!edit) return w;
    const entries = edit(w.entries);
    const key = Array.isArray(w.doc["data"]) ? "data" : "models";
    return { ...w, entries, doc: { ...w.doc, [key]: entries } };
  });
  early.push(listing("volink", "volink/models", (l) => l));
  return early;
}
