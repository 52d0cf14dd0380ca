// The one-shot path (stdout not a terminal, or --json): read the world once, print every panel,
// exit 0. A state that cannot be shown throws its ObsError: runMain prints message and hint and
// exits with its code (5 for no epoch or a corrupt state, 2 for a v1 directory).

import type { CommandOutput } from "@observatory/cli-kit";
import { ExitCode } from "@observatory/core";
import { loadWorld } from "../load/world.js";
import { panelContext } from "../panels/context.js";
import { buildPanels } from "../panels/index.js";
import type { PanelId } from "../panels/types.js";
import { renderJson } from "./json.js";
import { renderSummary } from "./text.js";

export interface SummaryCommandOptions {
  stateDir: string;
  json: boolean;
  limit: number;
  panels?: readonly PanelId[];
  env: NodeJS.ProcessEnv;
  now?: () => Date;
}

export async function summaryCommand(o: SummaryCommandOptions): Promise<CommandOutput> {
  const now = o.now ?? (() => new Date());
  const world = await loadWorld(o.stateDir, { now });
  const ctx = panelContext(o.env, now().getTime());
  const panels = buildPanels(world, ctx);
  const width = Number(o.env["COLUMNS"]) >= 40 ? Number(o.env["COLUMNS"]) : undefined;
  const stdout = o.json
    ? renderJson(world, panels, ctx)
    : renderSummary(world, panels, ctx, {
        limit: o.limit,
        ...(o.panels ? { panels: o.panels } : {}),
        ...(width ? { width } : {}),
      });
  return { stdout, exitCode: ExitCode.OK };
}
