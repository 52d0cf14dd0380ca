// The writer's merge at provider scale: linear work, no provider-sized argument lists, and the
// listing's warnings as events.
import { type EventDraft, FINGERPRINT_SCHEME, type Snapshot } from "@observatory/core";
import { describe, expect, it } from "vitest";
import type { ListingWorkerResult } from "./listing-worker.js";
import { mergeListings } from "./merge.js";

const snapshot = (n: number): Snapshot => ({
  schema: "observatory.snapshot/1",
  provider: "openrouter",
  fingerprint_scheme: FINGERPRINT_SCHEME,
  models: Array.from({ length: n }, (_, i) => ({ id: `m${i}` })),
});

function listed(n: number, extra: Partial<ListingWorkerResult> = {}): ListingWorkerResult {
  const events: EventDraft[] = Array.from({ length: n }, (_, i) => ({
    type: "MODEL_ADDED",
    severity: "INFO",
    provider: "openrouter",
    model_id: `m${i}`,
    fingerprint: "f",
  }));
  return {
    provider: "openrouter",
    listing: {
      ok: true,
      snapshot: snapshot(0),
      structural: { comparison: null, events },
      unchanged: false,
    },
    canaries: [],
    ...extra,
  };
}

describe("mergeListings", () => {
  it("merges 300k events from one provider without overflowing the stack", () => {
    const merged = mergeListings([listed(300_000)]);
    expect(merged.events).toHaveLength(300_000);
  });

  it("one MIGRATION_REBASELINE for many providers, in linear time", () => {
    const rebase = (p: string, count: number): ListingWorkerResult => ({
      ...listed(0),
      provider: p,
      listing: {
        ok: true,
        snapshot: snapshot(0),
        structural: {
          comparison: null,
          events: [
            {
              type: "MIGRATION_REBASELINE",
              severity: "INFO",
              provider: p,
              count,
              from_scheme: "v1-raw",
              to_scheme: FINGERPRINT_SCHEME,
            },
          ],
        },
        unchanged: false,
      },
    });
    const merged = mergeListings([rebase("a", 2), listed(5), rebase("b", 3)]);
    const r = merged.events.filter((e) => e.type === "MIGRATION_REBASELINE");
    expect(r).toEqual([expect.objectContaining({ count: 5 })]);
    expect(merged.events).toHaveLength(6);
  });

  it("turns the listing's warnings into LISTING_WARNING events", () => {
    const merged = mergeListings([
      listed(0, {
        warnings: [
          {
            kind: "UNSAFE_NUMBER",
            model_id: "m1",
            message: "context_length 9007199254740993 kept as a decimal string",
          },
          { kind: "DUPLICATE_ID", model_id: "m2", message: "listed twice; the first kept" },
        ],
      }),
    ]);
    expect(merged.events).toEqual([
      expect.objectContaining({
        type: "LISTING_WARNING",
        provider: "openrouter",
        kind: "UNSAFE_NUMBER",
        model_id: "m1",
      }),
      expect.objectContaining({ type: "LISTING_WARNING", kind: "DUPLICATE_ID", model_id: "m2" }),
    ]);
  });
});
