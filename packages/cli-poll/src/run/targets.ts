// Which models a benchmark run targets: those the epoch lists, narrowed by --models.
import { ExitCode, ObsError, type Snapshot } from "@observatory/core";
import type { Provider } from "@observatory/providers";

export function benchTargets(
  opts: { benchmark: boolean },
  providers: Provider[],
  snapshots: Record<string, Snapshot | null>,
  filter: Map<string, Set<string>> | null,
  strict: boolean,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!opts.benchmark) return out;
  for (const p of providers) {
    const present = new Set((snapshots[p.name]?.models ?? []).map((m) => m.id));
    const wanted = filter?.get(p.name);
    if (filter && !wanted) continue;
    if (wanted && strict) {
      const unknown = [...wanted].filter((m) => !present.has(m));
      if (unknown.length > 0) {
        throw new ObsError(
          "UNKNOWN_MODEL",
          `not in the ${p.name} listing of the current epoch: ${unknown.join(", ")}`,
          {
            hint: "run obs-poll first, or check the model id (obs-bench benchmarks models the current epoch lists)",
            exitCode: ExitCode.USAGE,
          },
        );
      }
    }
    const models = (wanted ? [...wanted].filter((m) => present.has(m)) : [...present]).sort();
    if (models.length > 0) out.set(p.name, models);
  }
  return out;
}

/** Filtered models the listings do not contain (after a poll they are reported, not fatal). */
export function unknownIn(
  filter: Map<string, Set<string>>,
  snapshots: Record<string, Snapshot | null>,
): string[] {
  const out: string[] = [];
  for (const [provider, models] of filter) {
    const present = new Set((snapshots[provider]?.models ?? []).map((m) => m.id));
    for (const m of models) if (!present.has(m)) out.push(`${provider}/${m}`);
  }
  return out.sort();
}
