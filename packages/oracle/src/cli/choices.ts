// The values --prefer and --modality accept, for the entry to check before it loads anything of
// the oracle: core's lists (PREFERENCES, MODALITIES) sit behind its main entry, which --help must
// not load. `satisfies` rejects a value core does not know; test/choices.test.ts fails when core
// gains one these lists lack. Only core's types are imported: nothing of core loads at run time.
import type { Modality, Preference } from "@observatory/core";

export type { Modality, Preference };

export const PREFERENCES = [
  "reliability",
  "latency",
  "context",
  "cost",
] as const satisfies readonly Preference[];

export const MODALITIES = [
  "text",
  "image",
  "audio",
  "video",
  "embedding",
  "any",
] as const satisfies readonly Modality[];
