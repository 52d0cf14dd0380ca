// What a check covers: scoped locks ignore unrelated changes while a whole-ecosystem lock names
// them with field diffs; a poll failure is not removal; a failed benchmark is BENCHMARK_MISSING.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { openStateWriter, readEvents } from "@observatory/core";
import { describe, expect, it } from "vitest";
import { type BinResult, checkOf, harness, ofType, pairsOf } from "./harness.js";

const SONNET = "anthropic/claude-sonnet-4-5-20250929";

describe("obs-check scope and missing data", () => {
  it("scoped locks ignore unrelated changes; the whole-ecosystem lock names them", async () => {
    const h = await harness(
      {
        seed: 3,
        catalogs: {
          anthropic: {
            add: [
              {
                fromPoll: 2,
                models: [
                  {
                    type: "model",
                    id: "claude-new-1",
                    display_name: "Claude New",
                    max_input_tokens: 200000,
                  },
                ],
              },
            ],
            remove: [{ fromPoll: 2, ids: ["claude-3-haiku-20240307"] }],
            patch: [
              { fromPoll: 2, id: "claude-haiku-4-5-20251001", set: { max_input_tokens: 1000000 } },
            ],
          },
        },
        faults: [
          {
            provider: "anthropic",
            route: "models",
            fromPoll: 3,
            fault: { type: "status", status: 503 },
          },
        ],
      },
      ["anthropic"],
    );
    await h.poll(SONNET);
    for (const args of [
      ["narrow", "--models", SONNET],
      ["vendor", "--providers", "anthropic"],
      ["whole"],
    ]) {
      const r = await h.run("obs-lock", args);
      expect(r.code).toBe(0);
    }
    await h.poll(SONNET);
    const r = await h.run("obs-check", ["--all"]);
    expect(r.code).toBe(1);
    expect(checkOf(r, "narrow")["status"]).toBe("CLEAN");
    for (const name of ["vendor", "whole"]) {
      const rec = checkOf(r, name);
      expect(rec["status"]).toBe("VIOLATED");
      expect(rec["structure"]).toMatchObject({
        basis: "locked_epoch",
        added: ["anthropic/claude-new-1"],
        removed: ["anthropic/claude-3-haiku-20240307"],
        changed: [
          {
            model: "anthropic/claude-haiku-4-5-20251001",
            changes: [{ path: "context_length", before: "200000", after: "1000000" }],
          },
        ],
      });
    }
    expect(r.stderr).toContain("context_length: 200000 -> 1000000");
    expect(ofType(r, "EXPERIMENT_DRIFT").map((e) => e["lock"])).toEqual(["vendor", "whole"]);

    // The listing fails next: carried forward, not removed. Nothing new is reported.
    await h.poll(SONNET);
    const after = await h.run("obs-check", ["--all"]);
    expect(checkOf(after, "narrow")["status"]).toBe("CLEAN");
    expect(checkOf(after, "narrow")["warnings"]).toContainEqual(
      expect.stringContaining("the last poll failed"),
    );
    expect(checkOf(after, "whole")["violations"]).toEqual(checkOf(r, "whole")["violations"]);
    expect(ofType(after, "EXPERIMENT_DRIFT")).toEqual([]);
  });

  it("a locked model whose benchmark fails is BENCHMARK_MISSING (WARN), never silence", async () => {
    const h = await harness(
      {
        seed: 3,
        faults: [
          {
            provider: "anthropic",
            route: "chat",
            model: "claude-sonnet-4-5-20250929",
            fromPoll: 2,
            fault: { type: "status", status: 500 },
          },
        ],
      },
      ["anthropic"],
    );
    await h.poll(SONNET);
    await h.run("obs-lock", ["exp", "--models", SONNET]);
    await h.poll(SONNET);
    const r = await h.run("obs-check", ["exp"]);
    expect(r.code).toBe(0);
    const rec = checkOf(r, "exp");
    expect(rec["status"]).toBe("CLEAN");
    expect(rec["counts"]).toMatchObject({ MISSING: 6, DRIFT: 0 });
    expect(pairsOf(rec)[0]!["detail"]).toContain("the newest benchmark got no data");
    expect(r.stderr).toContain("BENCHMARK_MISSING");
    // Every pinned pair has a WARN BENCHMARK_MISSING in the log, from the poll or the check.
    const missing = (await readEvents(h.stateDir)).events.filter(
      (e) => e.type === "BENCHMARK_MISSING" && e.lock === "exp",
    );
    expect(
      new Set(missing.map((e) => (e.type === "BENCHMARK_MISSING" ? e.probe : ""))),
    ).toHaveProperty("size", 6);
    expect(missing.every((e) => e.severity === "WARN")).toBe(true);
  });

  it("unbenchmarked since the lock is MISSING; with the state directory busy the result still stands", async () => {
    const h = await harness({ seed: 3 }, ["anthropic"]);
    await h.poll(SONNET);
    await h.run("obs-lock", ["exp", "--models", SONNET]);
    await h.run("obs-poll", ["--no-canary"]);
    const held = await openStateWriter(h.stateDir, { tool: "test", version: "0" });
    if (!held.ok) throw new Error("could not take the lock");
    let busy: BinResult;
    try {
      busy = await h.run("obs-check", ["exp"]);
    } finally {
      await held.writer.close();
    }
    expect(busy.code).toBe(0);
    expect(checkOf(busy, "exp")["counts"]).toMatchObject({ MISSING: 6 });
    expect(busy.stderr).toContain("events not logged");
    expect(ofType(busy, "BENCHMARK_MISSING")).toEqual([]);

    const logged = await h.run("obs-check", ["exp"]);
    expect(ofType(logged, "BENCHMARK_MISSING")).toHaveLength(6);
    expect(pairsOf(checkOf(logged, "exp"))[0]!["detail"]).toBe("not benchmarked since the lock");
    const quiet = await h.run("obs-check", ["exp"]);
    expect(ofType(quiet, "BENCHMARK_MISSING")).toEqual([]);
    expect(quiet.stderr).toContain("already reported");
  });

  it("v1 lockfiles are UNLOCKED_BEHAVIORAL; a migrated one still has its structure checked", async () => {
    const h = await harness(
      {
        seed: 3,
        catalogs: { anthropic: { remove: [{ fromPoll: 2, ids: ["claude-3-haiku-20240307"] }] } },
      },
      ["anthropic"],
    );
    await h.poll(SONNET);
    await h.run("obs-lock", ["migrated", "--providers", "anthropic"]);
    // What obs-migrate writes for a v1 lock: structure pinned to the migration epoch, no baselines.
    const path = join(h.stateDir, "locks", "migrated.lock.json");
    const lock = JSON.parse(await readFile(path, "utf8"));
    Object.assign(lock, {
      behavior: "UNLOCKED_BEHAVIORAL",
      baselines: {},
      benchmark_epoch: null,
      coverage: { models: 0, probes: 0, pairs: 0 },
      migrated_from: { v1_file: "experiment_locks/migrated.lock.json", v1_created_at: null },
    });
    await writeFile(path, JSON.stringify(lock));
    // A v1 lock whose hashes obs-migrate could not recompute: kept verbatim, nothing verifiable.
    await writeFile(
      join(h.stateDir, "locks", "blind.lock.json"),
      JSON.stringify({
        ...lock,
        name: "blind",
        models: [],
        registry_hash: "d".repeat(64),
        model_ids_hash: "e".repeat(64),
        migrated_from: {
          v1_file: "experiment_locks/blind.lock.json",
          v1_created_at: null,
          structural: { model_ids: "unverifiable", registry: "unverifiable" },
        },
      }),
    );
    await mkdir(join(h.stateDir, "locks"), { recursive: true });
    await writeFile(
      join(h.stateDir, "locks", "old.lock.json"),
      JSON.stringify({
        experiment_id: "old",
        created_at: "2025-06-01T12:00:00+00:00",
        provider_registry_hash: "a".repeat(64),
        model_ids_hash: "b".repeat(64),
        benchmark_response_hashes: { "openai/gpt-4o": { "0": "c".repeat(64) } },
      }),
    );
    const clean = await h.run("obs-check", ["--all"]);
    expect(clean.code).toBe(0);
    expect(checkOf(clean, "old")).toMatchObject({
      status: "UNVERIFIED",
      format: "v1",
      behavior: "UNLOCKED_BEHAVIORAL",
      structure: { status: "UNVERIFIABLE" },
    });
    expect(checkOf(clean, "migrated")).toMatchObject({
      status: "CLEAN",
      behavior: "UNLOCKED_BEHAVIORAL",
      structure: { status: "UNCHANGED" },
    });
    expect(clean.stderr).toContain("UNLOCKED_BEHAVIORAL");
    expect(clean.stderr).toContain("--force --benchmark-before-lock");

    await h.poll(SONNET);
    const broken = await h.run("obs-check", ["--all"]);
    expect(broken.code).toBe(1);
    expect(checkOf(broken, "migrated")["violations"]).toEqual([
      { kind: "MODEL_REMOVED", detail: "anthropic/claude-3-haiku-20240307 no longer listed" },
    ]);
    expect(checkOf(broken, "old")["status"]).toBe("UNVERIFIED");
    expect(checkOf(broken, "blind")).toMatchObject({ status: "UNVERIFIED", violations: [] });
  });
});
