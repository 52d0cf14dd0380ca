// What a new lock covers: the whole ecosystem (the spec's default), only some providers, or only
// the models an experiment uses, so a provider adding an unrelated model does not break it.
import {
  ExitCode,
  type LockScope,
  modelsInScope,
  ObsError,
  type ScopedModel,
  type Snapshot,
} from "@observatory/core";

export interface ScopeFlags {
  models?: readonly string[] | undefined;
  providers?: readonly string[] | undefined;
}

export interface ResolvedScope {
  scope: LockScope;
  models: Map<string, ScopedModel>;
}

const uniqSorted = (xs: readonly string[]) => [...new Set(xs)].sort();

/** The scope the flags ask for, checked against the epoch the lock will name. */
export function resolveScope(
  snapshots: Readonly<Record<string, Snapshot | null>>,
  flags: ScopeFlags,
): ResolvedScope {
  const wantModels = flags.models && flags.models.length > 0 ? uniqSorted(flags.models) : null;
  const wantProviders =
    flags.providers && flags.providers.length > 0 ? uniqSorted(flags.providers) : null;
  if (wantModels && wantProviders) {
    throw new ObsError("SCOPE_CONFLICT", "give either --models or --providers, not both", {
      hint: "--models pins exact models; --providers pins every model of those providers",
      exitCode: ExitCode.USAGE,
    });
  }
  for (const m of wantModels ?? []) {
    const slash = m.indexOf("/");
    if (slash <= 0 || slash === m.length - 1) {
      throw new ObsError("BAD_MODEL", `--models takes provider/model, got "${m}"`, {
        hint: "e.g. --models openai/gpt-4o,openrouter/anthropic/claude-3.5-sonnet",
        exitCode: ExitCode.USAGE,
      });
    }
  }
  const scope: LockScope = { providers: wantProviders, models: wantModels };
  const models = modelsInScope(snapshots, scope);
  const unknownProviders = (wantProviders ?? []).filter((p) => !snapshots[p]);
  const unknownModels = (wantModels ?? []).filter((m) => !models.has(m));
  const unknown = [...unknownProviders, ...unknownModels];
  if (unknown.length > 0) {
    throw new ObsError(
      "NOT_IN_EPOCH",
      `not in the listings of the epoch to lock: ${unknown.join(", ")}`,
      {
        hint: "run obs-poll first, or check the names (obs-lock locks what the epoch lists)",
        exitCode: ExitCode.NOT_FOUND,
      },
    );
  }
  if (models.size === 0) {
    throw new ObsError("EMPTY_SCOPE", "the epoch to lock lists no models in scope", {
      hint: "run obs-poll first",
      exitCode: ExitCode.STATE,
    });
  }
  return { scope, models };
}

/** "whole ecosystem", "providers openai, anthropic", "models openai/gpt-4o, ...". */
export function describeScope(scope: LockScope): string {
  if (scope.models) return `models ${scope.models.join(", ")}`;
  if (scope.providers) return `providers ${scope.providers.join(", ")}`;
  return "whole ecosystem";
}
