import { describe, expect, it } from "vitest";
import type { Snapshot } from "../state/schemas.js";
import { modelsInScope, scopeHashes, WHOLE_SCOPE } from "./scope.js";

const snap = (provider: string, models: Snapshot["models"]): Snapshot => ({
  schema: "observatory.snapshot/1",
  provider,
  fingerprint_scheme: "semantic-v1",
  models,
});

const snapshots = {
  openai: snap("openai", [{ id: "gpt-4o", context_length: 128000 }, { id: "gpt-4o-mini" }]),
  anthropic: snap("anthropic", [{ id: "claude", pricing: { prompt: "0.000003" } }]),
  google: null,
};

describe("modelsInScope and scopeHashes", () => {
  it("covers the whole ecosystem, some providers, or some models, sorted by key", () => {
    expect([...modelsInScope(snapshots, WHOLE_SCOPE).keys()]).toEqual([
      "anthropic/claude",
      "openai/gpt-4o",
      "openai/gpt-4o-mini",
    ]);
    expect([...modelsInScope(snapshots, { providers: ["openai"], models: null }).keys()]).toEqual([
      "openai/gpt-4o",
      "openai/gpt-4o-mini",
    ]);
    expect([
      ...modelsInScope(snapshots, { providers: null, models: ["openai/gpt-4o", "x/y"] }).keys(),
    ]).toEqual(["openai/gpt-4o"]);
  });

  it("hashes ignore list order and spelling but not a semantic change", () => {
    const base = scopeHashes(modelsInScope(snapshots, WHOLE_SCOPE));
    const reordered = {
      ...snapshots,
      openai: snap("openai", [{ id: "gpt-4o-mini" }, { id: "gpt-4o", context_length: 128000 }]),
      anthropic: snap("anthropic", [{ id: "claude", pricing: { prompt: 3e-6 } }]),
    };
    expect(scopeHashes(modelsInScope(reordered, WHOLE_SCOPE))).toEqual(base);
    const changed = {
      ...snapshots,
      openai: snap("openai", [{ id: "gpt-4o", context_length: 64000 }, { id: "gpt-4o-mini" }]),
    };
    const after = scopeHashes(modelsInScope(changed, WHOLE_SCOPE));
    expect(after.model_ids_hash).toBe(base.model_ids_hash);
    expect(after.registry_hash).not.toBe(base.registry_hash);
  });
});
