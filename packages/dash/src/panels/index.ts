// All five panels of one world. Records are the data (what --json prints, exact); views are what
// the screen and the text summary draw, sanitised for the terminal.
import type { World } from "../load/world.js";
import { benchmarkProbes, benchmarkRecords, benchmarksPanel } from "./benchmarks.js";
import type { PanelContext } from "./context.js";
import { eventRecords, eventsPanel } from "./events.js";
import { experimentRecords, experimentsPanel } from "./experiments.js";
import { providerRecords, providersPanel } from "./providers.js";
import { registryPanel, registryRecords } from "./registry.js";
import { safeView } from "./safe.js";
import type { PanelId, PanelView } from "./types.js";

export interface Panels {
  records: {
    providers: ReturnType<typeof providerRecords>;
    events: ReturnType<typeof eventRecords>;
    registry: ReturnType<typeof registryRecords>;
    benchmarks: ReturnType<typeof benchmarkRecords>;
    experiments: ReturnType<typeof experimentRecords>;
  };
  views: Record<PanelId, PanelView>;
}

export function buildPanels(world: World, ctx: PanelContext): Panels {
  const records = {
    providers: providerRecords(world, ctx),
    events: eventRecords(world, ctx),
    registry: registryRecords(world, ctx),
    benchmarks: benchmarkRecords(world, ctx),
    experiments: experimentRecords(world, ctx),
  };
  return {
    records,
    views: {
      providers: safeView(providersPanel(records.providers, ctx)),
      events: safeView(eventsPanel(records.events)),
      registry: safeView(registryPanel(records.registry)),
      benchmarks: safeView(benchmarksPanel(records.benchmarks, benchmarkProbes(world))),
      experiments: safeView(experimentsPanel(records.experiments)),
    },
  };
}
