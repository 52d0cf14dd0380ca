import { ExitCode, ObsError } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { E, entry, snap, store } from "../_test/fixtures.js";
import { type BuildInput, buildLock } from "./build.js";

const snapshots = {
  openai: snap("openai", [{ id: "gpt-4o" }, { id: "gpt-4o-mini" }]),
  google: null,
};
const NOW = new Date("2026-11-21T05:10:00.000Z"); // E(n) is 05:00:nn
const input = (over: Partial<BuildInput>): BuildInput => ({
  name: "exp",
  notes: "",
  now: NOW,
  epochId: E(2),
  manifestHash: "e".repeat(64),
  snapshots,
  store: null,
  flags: {},
  maxAgeMs: null,
  ...over,
});

function refusal(over: Partial<BuildInput>): ObsError {
  try {
    buildLock(input(over));
  } catch (e) {
    if (e instanceof ObsError) return e;
    throw e;
  }
  throw new Error("did not refuse");
}

describe("buildLock", () => {
  it("pins the baselines observed in the epoch being locked", () => {
    const s = store({
      "openai/gpt-4o": {
        echo: entry("ok", { observed_in: E(2) }),
        json: entry("{}", { observed_in: E(2) }),
      },
    });
    const { lock, warnings } = buildLock(input({ store: s, flags: { models: ["openai/gpt-4o"] } }));
    expect(lock).toMatchObject({
      baselines: { "openai/gpt-4o": { echo: "ok", json: "{}" } },
      coverage: { models: 1, probes: 2, pairs: 2 },
      benchmark_epoch: E(2),
      benchmark_stale: false,
      models: ["openai/gpt-4o"],
    });
    expect(warnings).toEqual([]);
  });

  it("refuses without baselines, or with baselines older than the epoch: run obs-bench first", () => {
    const none = refusal({ flags: { models: ["openai/gpt-4o"] } });
    expect(none.message).toContain("run obs-bench first");
    expect(none.exitCode).toBe(ExitCode.USAGE);
    expect(refusal({}).message).toContain("run obs-bench first");
    const old = store({ "openai/gpt-4o": { echo: entry("ok", { observed_in: E(1) }) } });
    const stale = refusal({ store: old });
    expect(stale.message).toContain("not measured in epoch");
    expect(stale.hint).toContain("--max-age");
    expect(refusal({ store: old, maxAgeMs: 60_000 }).code).toBe("STALE_BASELINES");
  });

  it("accepts older baselines within --max-age and marks the lock stale", () => {
    const s = store({ "openai/gpt-4o": { echo: entry("ok", { observed_in: E(1) }) } });
    const { lock, warnings } = buildLock(input({ store: s, maxAgeMs: 3_600_000 }));
    expect(lock.benchmark_stale).toBe(true);
    expect(warnings[0]).toContain("accepted by --max-age");
    // The whole ecosystem is pinned; behaviour only where it was measured, and that is said.
    expect(lock.models).toEqual(["openai/gpt-4o", "openai/gpt-4o-mini"]);
    expect(warnings[1]).toContain("behaviour pinned for 1 of 2 models");
  });

  it("locks the confirmed baseline when the last poll disagreed, and says so", () => {
    const s = store({
      "openai/gpt-4o": {
        echo: entry("ok", { observed_in: E(2), last_verdict: "CANDIDATE", candidates: ["no"] }),
      },
    });
    const { lock, warnings } = buildLock(input({ store: s }));
    expect(lock.baselines["openai/gpt-4o"]).toEqual({ echo: "ok" });
    expect(warnings.join("\n")).toContain("unconfirmed");
  });
});
