// Report fields shared by the dry run and the real run, from the plan.
import type { MigrationPlan } from "../plan/plan.js";
import type { MigrationReport } from "../report.js";

export function planParts(
  plan: MigrationPlan,
): Pick<
  MigrationReport,
  "providers" | "provider_errors" | "registry" | "benchmarks" | "skipped" | "events_log"
> {
  return {
    providers: plan.providers.map((p) => ({
      provider: p.provider,
      file: p.file,
      models: p.snapshot.models.length,
    })),
    provider_errors: Object.entries(plan.providerErrors).map(([provider, e]) => ({
      provider,
      message: e.message,
    })),
    registry: plan.registryStats,
    benchmarks: plan.benchmarks?.stats ?? null,
    skipped: plan.skipped,
    events_log: plan.tree.events,
  };
}
