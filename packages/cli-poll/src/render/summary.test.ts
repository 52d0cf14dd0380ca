// The summary as a log file, CI or a pipe gets it (stderr not a terminal): aligned columns under
// a header line, exact to the character; --verbose adds what each provider cost.
import type { ObsEvent } from "@observatory/core";
import { describe, expect, it } from "vitest";
import type { ListingWorkerResult } from "../run/listing-worker.js";
import type { RunReport } from "../run/run.js";
import { columns } from "./columns.js";
import { renderSummary } from "./summary.js";

const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const plain = (s: string) => s.replace(SGR, "");
const EPOCH = "20261206T000000.000Z-0000";
const ev = (e: Record<string, unknown>) =>
  ({ v: 2, epoch_id: EPOCH, ts: "2026-12-06T00:00:00.000Z", ...e }) as ObsEvent;

function listed(provider: string, models: number, canaries: boolean[]): ListingWorkerResult {
  return {
    provider,
    listing: {
      ok: true,
      snapshot: {
        schema: "observatory.snapshot/1",
        provider,
        fingerprint_scheme: "x",
        models: Array.from({ length: models }, (_, i) => ({ id: `m${i}` })),
      },
      structural: { events: [], comparison: null },
      unchanged: false,
    },
    canaries: canaries.map((ok, i) => ({
      model_id: `m${i}`,
      reason: "new",
      outcome: ok
        ? { ok: true, value: { text: "OK", latencyMs: 5, identity: {}, knobs: {} } }
        : { ok: false, error: { kind: "server", provider, message: "HTTP 500" } },
    })),
  } as unknown as ListingWorkerResult;
}

const report: RunReport = {
  outcome: "committed",
  epochId: EPOCH,
  manifestHash: "0123456789abcdef".repeat(4),
  events: [
    ev({ type: "MODEL_ADDED", severity: "INFO", provider: "openrouter", model_id: "m1" }),
    ev({ type: "MODEL_ADDED", severity: "INFO", provider: "openrouter", model_id: "m2" }),
  ],
  providers: { anthropic: "error", openrouter: "fresh" },
  polled: [
    {
      provider: "anthropic",
      listing: { ok: false, error: { kind: "auth", provider: "anthropic", message: "HTTP 401" } },
      canaries: [],
    } as unknown as ListingWorkerResult,
    listed("openrouter", 340, [true, false]),
  ],
  benchmarked: 0,
  webhooks: [],
  interrupted: false,
  measured: true,
  skipped: [],
  unknownModels: [],
  notes: [],
  timings: [
    {
      provider: "anthropic",
      listingMs: 120,
      canaries: 0,
      canaryMs: null,
      probes: 0,
      benchCalls: 0,
      benchMs: null,
    },
    {
      provider: "openrouter",
      listingMs: 845.4,
      canaries: 2,
      canaryMs: 301,
      probes: 12,
      benchCalls: 20,
      benchMs: 1520,
    },
  ],
};

describe("the summary when stderr is not a terminal", () => {
  it("is aligned columns under a header line", () => {
    const text = plain(renderSummary("obs-poll", report, 1500, { tty: false, verbose: false }));
    expect(text.split("\n").slice(0, 4)).toEqual([
      `obs-poll: committed epoch ${EPOCH} (manifest 0123456789abcdef) in 1.50 s`,
      "provider    status  models  added  removed  changed  canaries  note",
      "anthropic   error   -       -      -        -        -         auth: HTTP 401",
      "openrouter  fresh   340     2      0        0        1/2 ok",
    ]);
    expect(text).not.toMatch(/[│┌─]/);
  });

  it("--verbose adds each provider's timings and counts, in the same columns", () => {
    const text = plain(renderSummary("obs-poll", report, 1500, { tty: false, verbose: true }));
    expect(text).toContain(
      [
        "provider    listing  canaries     benchmarks",
        "anthropic   0.12 s   -            -",
        "openrouter  0.85 s   2 in 0.30 s  12 probes, 20 calls in 1.52 s",
      ].join("\n"),
    );
  });

  it("columns pad by the text a cell shows, not its escapes", () => {
    expect(
      columns(
        ["a", "bb"],
        [
          ["x\u001b[31m", "y"],
          ["long", "z"],
        ],
      ),
    ).toBe(["a          bb", "x\\x1b[31m  y", "long       z"].join("\n"));
  });
});
