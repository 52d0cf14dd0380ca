// The capability registry for epoch 0 from v1's capability_registry.json. Canary history is
// carried (v1 kept {ok, latency_ms} without epochs, so carried calls are stamped with epoch 0, the
// epoch in which they entered v2 state) and the window statistics are recomputed with v2's
// nearest-rank percentiles. v1's cost classes are dropped: v1 applied its thresholds per thousand
// tokens, so they are wrong; the first poll classifies from the listed prices.
import {
  blankRegistryEntry,
  DEFAULT_REGISTRY_WINDOW,
  type Registry,
  type RegistryEntry,
  RegistrySchema,
  registryKey,
  windowStats,
} from "@observatory/core";
import type { V1Capability } from "../v1/formats.js";

export interface RegistryStats {
  /** Models in the migrated registry. */
  entries: number;
  /** Of them, listed in an epoch 0 snapshot. */
  present: number;
  /** Canary calls carried from v1 histories. */
  observations: number;
  /** v1 entries that did not have the v1 shape. */
  skipped: number;
}

export function migrateRegistry(
  v1: readonly V1Capability[],
  skipped: number,
  listed: ReadonlySet<string>,
  epochId: string,
): { registry: Registry; stats: RegistryStats } {
  const window = DEFAULT_REGISTRY_WINDOW;
  const models: Record<string, RegistryEntry> = {};
  let observations = 0;
  for (const cap of v1) {
    const key = registryKey(cap.provider, cap.model_id);
    const history = (cap.canary_history ?? []).slice(-window).map((h) => ({
      epoch_id: epochId,
      outcome: h.ok ? ("ok" as const) : ("error" as const),
      // v2 records latency for successful calls only: a failure's time says nothing useful.
      latency_ms:
        h.ok && typeof h.latency_ms === "number" && h.latency_ms >= 0 ? h.latency_ms : null,
    }));
    observations += history.length;
    models[key] = {
      ...blank(cap.provider, cap.model_id, listed.has(key)),
      context_length: cap.max_context_tokens ?? null,
      supports_tools: cap.supports_tools ?? null,
      history,
      ...windowStats(history),
    };
  }
  for (const key of listed) {
    if (models[key]) continue;
    const slash = key.indexOf("/");
    models[key] = blank(key.slice(0, slash), key.slice(slash + 1), true);
  }
  const sorted = Object.fromEntries(
    Object.entries(models).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const registry = RegistrySchema.parse({
    schema: "observatory.registry/1",
    window,
    models: sorted,
  });
  const present = Object.values(sorted).filter((e) => e.present).length;
  return {
    registry,
    stats: { entries: Object.keys(sorted).length, present, observations, skipped },
  };
}

function blank(provider: string, modelId: string, present: boolean): RegistryEntry {
  return { ...blankRegistryEntry(provider, modelId), present };
}
