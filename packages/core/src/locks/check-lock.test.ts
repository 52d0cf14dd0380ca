import { describe, expect, it } from "vitest";
import { E, entry, epoch, snap, store } from "./_fixtures.js";
import { checkLock } from "./check-lock.js";
import type { LockFile } from "./files.js";
import type { Lock } from "./schema.js";
import { modelsInScope, scopeHashes } from "./scope.js";

const lockedEpoch = epoch(
  E(1),
  {
    openai: snap("openai", [
      { id: "gpt-4o", context_length: 128000, pricing: { prompt: "0.0000025" } },
      { id: "gpt-4o-mini" },
    ]),
    anthropic: snap("anthropic", [{ id: "claude" }]),
  },
  store({ "openai/gpt-4o": { echo: entry("ok") } }),
);

function lockOn(scope: Lock["scope"], over: Partial<Lock> = {}): Lock {
  const models = modelsInScope(lockedEpoch.snapshots, scope);
  return {
    schema: "observatory.lock/2",
    name: "exp",
    created_at: "2026-11-21T05:00:01.000Z",
    notes: "",
    epoch_id: E(1),
    manifest_hash: lockedEpoch.manifestHash,
    scope,
    ...scopeHashes(models),
    models: [...models.keys()],
    behavior: "LOCKED",
    baselines: { "openai/gpt-4o": { echo: "ok" } },
    benchmark_epoch: E(1),
    coverage: { models: 1, probes: 1, pairs: 1 },
    benchmark_stale: false,
    ...over,
  };
}

const v2 = (lock: Lock, migrated: Extract<LockFile, { kind: "v2" }>["migrated"] = null) =>
  ({ kind: "v2", name: lock.name, lock, migrated }) as const;

// A new model, a price cut on gpt-4o, claude gone; the benchmark still matches.
const later = epoch(
  E(3),
  {
    openai: snap("openai", [
      { id: "gpt-4o", context_length: 128000, pricing: { prompt: "0.000002" } },
      { id: "gpt-4o-mini" },
      { id: "gpt-5" },
    ]),
    anthropic: snap("anthropic", []),
  },
  store({ "openai/gpt-4o": { echo: entry("ok", { observed_in: E(3) }) } }),
);

describe("checkLock", () => {
  it("a whole-ecosystem lock names every change with field diffs", () => {
    const c = checkLock(
      v2(lockOn({ providers: null, models: null })),
      { ok: true, epoch: lockedEpoch },
      later,
    );
    expect(c.status).toBe("VIOLATED");
    expect(c.violations).toEqual([
      { kind: "MODEL_ADDED", detail: "openai/gpt-5 added" },
      { kind: "MODEL_REMOVED", detail: "anthropic/claude no longer listed" },
      { kind: "METADATA_CHANGED", detail: "openai/gpt-4o: pricing.prompt: 0.0000025 -> 0.000002" },
    ]);
    expect(c.warnings).toEqual([]);
  });

  it("a lock scoped to gpt-4o-mini does not care", () => {
    const lock = lockOn({ providers: null, models: ["openai/gpt-4o-mini"] }, { baselines: {} });
    const c = checkLock(v2(lock), { ok: true, epoch: lockedEpoch }, later);
    expect(c.status).toBe("CLEAN");
  });

  it("without its epoch a lock still compares names and hashes, and says so", () => {
    const lock = lockOn({ providers: ["openai"], models: null });
    const gone = { ok: false as const, reason: "epochs/x.json: missing" };
    const c = checkLock(v2(lock), gone, later);
    expect(c.structure).toMatchObject({ basis: "lock_file", added: ["openai/gpt-5"], changed: [] });
    expect(c.warnings[0]).toContain("cannot be verified");
    const priceOnly = epoch(E(3), {
      ...later.snapshots,
      openai: snap("openai", [
        { id: "gpt-4o", context_length: 128000, pricing: { prompt: "0.000002" } },
        { id: "gpt-4o-mini" },
      ]),
    });
    expect(checkLock(v2(lock), gone, priceOnly).violations).toEqual([
      { kind: "REGISTRY_CHANGED", detail: "metadata of models in scope changed" },
    ]);
  });

  it("a migrated lock checks only what obs-migrate verified", () => {
    const lock = lockOn(
      { providers: null, models: null },
      { behavior: "UNLOCKED_BEHAVIORAL", baselines: {}, models: [], registry_hash: "a".repeat(64) },
    );
    const nothing = checkLock(
      v2(lock, { model_ids: "unverifiable", registry: "unverifiable" }),
      { ok: true, epoch: lockedEpoch },
      later,
    );
    expect(nothing).toMatchObject({
      status: "UNVERIFIED",
      structure: { status: "UNVERIFIABLE" },
      violations: [],
    });
    const namesOnly = checkLock(
      v2(
        { ...lock, models: [...modelsInScope(lockedEpoch.snapshots, lock.scope).keys()] },
        {
          model_ids: "verified",
          registry: "unverifiable",
        },
      ),
      { ok: true, epoch: lockedEpoch },
      later,
    );
    expect(namesOnly.violations.map((v) => v.kind)).toEqual(["MODEL_ADDED", "MODEL_REMOVED"]);
    expect(namesOnly.behavior).toBe("UNLOCKED_BEHAVIORAL");
  });

  it("a v1 lockfile is UNLOCKED_BEHAVIORAL and UNVERIFIED, with the way out", () => {
    const v1: LockFile = {
      kind: "v1",
      name: "old",
      lock: { provider_registry_hash: "a".repeat(64), model_ids_hash: "b".repeat(64) },
    };
    const c = checkLock(v1, null, later);
    expect(c).toMatchObject({
      status: "UNVERIFIED",
      behavior: "UNLOCKED_BEHAVIORAL",
      format: "v1",
    });
    expect(c.warnings.join(" ")).toContain("obs-lock old --force --benchmark-before-lock");
  });
});
