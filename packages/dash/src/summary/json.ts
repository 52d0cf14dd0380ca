// `obs-dash --json`: the same five panels as data, one JSON document on stdout, for scripts.
import type { World } from "../load/world.js";
import type { PanelContext } from "../panels/context.js";
import { headerFacts } from "../panels/header.js";
import type { Panels } from "../panels/index.js";
import type { DashSummary } from "../records.js";

export function renderJson(world: World, panels: Panels, ctx: PanelContext): string {
  const h = headerFacts(world, ctx);
  const doc: DashSummary = {
    type: "DASH_SUMMARY",
    version: 1,
    state_dir: world.stateDir,
    epoch: {
      id: h.epochId,
      manifest_hash: world.epoch.manifestHash,
      created_at: h.createdAt,
      age_ms: h.ageMs,
      stale: h.stale,
      fell_back: world.epoch.fellBack,
      problems: world.epoch.problems,
      writer: world.epoch.writer,
    },
    alarms: {
      drifted_models: h.drifted,
      provider_errors: h.providerErrors,
      violated_locks: h.violatedLocks,
    },
    notes: h.notes,
    panels: panels.records,
  };
  return `${JSON.stringify(doc)}\n`;
}
