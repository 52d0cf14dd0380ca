// Models for the pure routing tests, built from a partial profile.
import type { ModelProfile } from "../model/profile.js";
import type { TableEntry } from "../model/table.js";

export function profile(key: string, p: Partial<ModelProfile> = {}): ModelProfile {
  const slash = key.indexOf("/");
  return {
    key,
    provider: key.slice(0, slash),
    modelId: key.slice(slash + 1),
    listed: true,
    removedIn: null,
    providerStatus: "fresh",
    contextLength: 128_000,
    maxOutputTokens: null,
    costClass: "mid",
    supportsTools: true,
    modalities: null,
    deprecationDate: null,
    expirationDate: null,
    reliability: 0.95,
    latencyP50Ms: 500,
    latencyP95Ms: 900,
    calls: 20,
    drift: [],
    pending: [],
    ...p,
  };
}

/** A table entry; driftRank is the severity rank of its worst recent drift (-1: none). */
export function row(key: string, p: Partial<ModelProfile> = {}, driftRank = -1): TableEntry {
  return { profile: profile(key, p), driftRank };
}
